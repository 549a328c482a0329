import type { CheckpointStore, EventStore } from '@app/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { READ_MODEL_PROJECTIONS } from './projections/all-projections';
import { dropReadModelsSchema, ensureReadModelsSchema } from './read-models.data-source';

/**
 * Drops every read-model table, forgets the projections' checkpoints and replays the whole log.
 * Stop the projector first: a running one would carry on from its old position into the emptied tables.
 */
export async function rebuildReadModels(options: {
  dataSource: DataSource;
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  projections?: readonly Projection[];
}): Promise<void> {
  const projections = options.projections ?? READ_MODEL_PROJECTIONS;
  await dropReadModelsSchema(options.dataSource);
  for (const projection of projections) await options.checkpoints.reset(projection.name);
  await ensureReadModelsSchema(options.dataSource);
  await new ProjectionRunner({ ...options, projections }).catchUp();
}
