export const DEFAULT_DEPARTMENT_TOPIC_PREFIX = 'whistle.department.';

/**
 * `${prefix}<departmentId>`. Kafka allows only [a-zA-Z0-9._-] in a topic name: any other character of a
 * department id is written as `_` + its code point in hex, so two different ids never share a topic.
 */
export function departmentTopic(departmentId: string, prefix = DEFAULT_DEPARTMENT_TOPIC_PREFIX): string {
  const safe = [...departmentId].map((char) => (/[a-zA-Z0-9.-]/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}`)).join('');
  return `${prefix}${safe}`;
}
