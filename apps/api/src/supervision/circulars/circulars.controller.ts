import { CircularDocumentStore } from '@app/circulars';
import { reportPeriodOf, SHANGHAI, surveyFigures, SurveyEvent, yearOf } from '@app/domain';
import { derivedEventId, SurveyCommandService } from '@app/issues';
import { CircularStreamReader } from '@app/read-models';
import { CIRCULAR_WORKFLOW_TYPE, CircularWorkflowInput } from '@app/temporal';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { Response } from 'express';
import { Actor, auditActor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../clock/clock';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { ReadRoute } from '../../reads/read-route.decorator';
import { requireRevision, startOnDemand } from '../../temporal/start-on-demand';
import { TEMPORAL_RUN_SETTINGS, TemporalRunSettings } from '../../temporal/temporal-client.module';
import {
  CircularContentDto,
  CircularDto,
  CircularListDto,
  CircularParams,
  CircularStartedDto,
  GenerateCircularDto,
  PeriodQueryParams,
  RecordSurveyDto,
  StationParams,
  StationsEvaluationDto,
  SurveyDto,
  SurveyListDto,
  SurveyQueryParams,
  SurveyRecordedDto,
} from './circulars.dto';

const supervisor = { roles: ['supervisor' as const] };

const surveyView = (survey: SurveyEvent['data']): SurveyDto => {
  const figures = surveyFigures([survey]);
  return { ...survey, awareness: figures!.awareness, satisfaction: figures!.satisfaction };
};

/**
 * Circulars (通报), the stations' evaluation (考核评议) and the surveys of residents (知晓率和满意度测评): every figure
 * from the event store (CircularStreamReader), a circular's PDF as published (CircularDocumentStore).
 */
@ApiTags('supervision')
@Controller({ path: 'supervision', version: '1' })
export class CircularsController {
  constructor(
    private readonly reader: CircularStreamReader,
    private readonly documents: CircularDocumentStore,
    private readonly surveyCommands: SurveyCommandService,
    private readonly clock: Clock,
    private readonly temporal: Client,
    @Inject(TEMPORAL_RUN_SETTINGS) private readonly settings: TemporalRunSettings,
  ) {}

  @ReadRoute('circulars', {
    ...supervisor,
    summary: 'Every circular published (monthly, year-end, on demand), newest first',
    type: CircularListDto,
  })
  async circulars(): Promise<CircularListDto> {
    return { items: await this.reader.circulars() };
  }

  @Get('circulars/:circularId.pdf')
  @Roles('supervisor')
  @ApiOperation({ summary: 'The PDF of a circular as published (A4); its SHA-256 is the pdfSha256 of CircularPublished (also the ETag)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404)
  @Header('Content-Type', 'application/pdf')
  async pdf(@Param() params: CircularParams, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const published = await this.published(params.circularId);
    const document = await this.documents.pdf(params.circularId);
    if (document === undefined) throw new NotFoundException(`the document of circular ${params.circularId} is not stored`);
    response.setHeader('ETag', `"${published.pdfSha256}"`);
    response.setHeader('Content-Disposition', `inline; filename="${params.circularId}.pdf"`);
    return new StreamableFile(document.pdf);
  }

  @ReadRoute('circulars/:circularId', {
    ...supervisor,
    summary: "A circular's publication: document number, period, issue date, SHA-256 of its PDF and content",
    type: CircularDto,
    problems: [404],
  })
  circular(@Param() params: CircularParams): Promise<CircularDto> {
    return this.published(params.circularId);
  }

  @ReadRoute('circulars/:circularId/content', {
    ...supervisor,
    summary: "A circular's content as published (what its PDF prints and the console shows)",
    type: CircularContentDto,
    problems: [404],
  })
  async content(@Param() params: CircularParams): Promise<CircularContentDto> {
    await this.published(params.circularId);
    const content = await this.documents.content(params.circularId);
    if (content === undefined) throw new NotFoundException(`the document of circular ${params.circularId} is not stored`);
    return content;
  }

  @Post('circulars')
  @HttpCode(202)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Publish a circular for any period, on demand (专项通报)',
    description:
      'Starts circularWorkflow for the period (at most 366 days; 422 naming from or to otherwise) and answers with the id ' +
      'the circular will have: GET /supervision/circulars/{id} answers 404 until it is published (about a minute), then its ' +
      'metadata. The same Idempotency-Key answers the same circular. If-Match: the revision of circular-<this year> the ' +
      'client saw (409 with currentRevision otherwise).',
  })
  @IdempotencyKeyHeader()
  @ApiAcceptedResponse({ type: CircularStartedDto })
  @ApiProblems(409, 422, 503)
  async generate(
    @Body() body: GenerateCircularDto,
    @CommandContext() request: CommandRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CircularStartedDto> {
    const period = reportPeriodOf(body.from, body.to);
    await this.requireCircularsRevision(request.expectedRevision);
    const circularId = `on-demand-${period.from}-${period.to}-${derivedEventId(`circular/${request.causationId}`).slice(0, 8)}`;
    const workflowId = `circular-${circularId}-${this.settings.taskQueue}`;
    const input: CircularWorkflowInput = {
      request: { circularId, kind: 'on-demand', period, actor: auditActor(actor) },
      clockOffsetMs: this.settings.clockOffsetMs,
    };
    await startOnDemand(this.temporal, this.settings, { type: CIRCULAR_WORKFLOW_TYPE, workflowId, input, what: 'the circular' });
    const location = `/api/v1/supervision/circulars/${circularId}`;
    response.setHeader('Location', location);
    return { circularId, workflowId, circular: location };
  }

  @ReadRoute('station-evaluations', {
    ...supervisor,
    summary: "考核评议: every station's and street's figures over a period, from the event store",
    description:
      'Issues raised, closed at community and at street level, whistled and closed in the period; median days to close; the ' +
      "share of closings with the resident's verdict and its satisfaction rate; the surveys whose period ends in this one.",
    type: StationsEvaluationDto,
    problems: [422],
  })
  stationsEvaluation(@Query() query: PeriodQueryParams): Promise<StationsEvaluationDto> {
    return this.reader.stationsEvaluation(reportPeriodOf(query.from, query.to));
  }

  @ReadRoute('surveys', {
    ...supervisor,
    summary: 'Surveys of residents (知晓率和满意度测评) with their rates and counts, in the order recorded',
    type: SurveyListDto,
  })
  async surveys(@Query() query: SurveyQueryParams): Promise<SurveyListDto> {
    return { items: (await this.reader.surveys(query.stationId)).map(surveyView) };
  }

  @Post('stations/:stationId/surveys')
  @HttpCode(201)
  @Roles('supervisor')
  @ApiOperation({
    summary: "Record a survey of a station's residents for a period: respondents, aware, satisfied, basically satisfied",
    description:
      'One survey per station and period (409 SURVEY.ALREADY_RECORDED). 422 naming the field: more aware than respondents, ' +
      'satisfied and basically satisfied together more than respondents, no respondent, an unknown station, a bad period.',
  })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: SurveyRecordedDto })
  @ApiProblems(409, 422)
  async recordSurvey(
    @Param() params: StationParams,
    @Body() body: RecordSurveyDto,
    @CommandContext() request: CommandRequest,
    @CurrentActor() actor: Actor,
  ): Promise<SurveyRecordedDto> {
    const { from, to, respondents, aware, satisfied, basicallySatisfied } = body;
    const recorded = await this.surveyCommands.record(
      { stationId: params.stationId, from, to, counts: { respondents, aware, satisfied, basicallySatisfied }, at: this.clock.now() },
      { causationId: request.causationId, actor: auditActor(actor), expectedRevision: request.expectedRevision },
    );
    return { survey: surveyView(recorded.survey), revision: recorded.revision };
  }

  /** If-Match on a POST of a circular: the revision of circular-<this year> the client saw (null before the first). */
  private async requireCircularsRevision(expected: number | undefined): Promise<void> {
    if (expected === undefined) return;
    const year = yearOf(SHANGHAI.localDate(this.clock.now()));
    const { revision } = await this.reader.circularsOfYear(year);
    requireRevision(`circular-${year}`, expected, revision, 'The circulars changed since you read them');
  }

  private async published(circularId: string): Promise<CircularDto> {
    const published = await this.reader.circular(circularId);
    if (published === undefined) throw new NotFoundException(`circular ${circularId} has not been published`);
    return published;
  }
}
