import { upcast } from './upcast';

describe(upcast.name, () => {
  const versions = { FeedbackGiven: 3 };
  const upcasters = {
    'FeedbackGiven@1': (data: Record<string, unknown>) => ({ ...data, content: data.text ?? '' }),
    'FeedbackGiven@2': (data: Record<string, unknown>) => ({ departmentId: data.department, content: data.content, at: data.at }),
  };

  it('lifts an old payload through every step to the current version', () => {
    expect(upcast('FeedbackGiven', 1, { department: 'cg', text: '已到场', at: 'x' }, versions, upcasters)).toEqual({
      departmentId: 'cg',
      content: '已到场',
      at: 'x',
    });
  });

  it('reads the current version as it is, and refuses a version newer than this build', () => {
    const data = { departmentId: 'cg', at: 'x' };
    expect(upcast('FeedbackGiven', 3, data, versions, upcasters)).toBe(data);
    expect(() => upcast('FeedbackGiven', 4, data, versions, upcasters)).toThrow(/newer than this build/);
    expect(() => upcast('Unknown', 1, data, versions, upcasters)).toThrow(/unknown event type/);
  });
});
