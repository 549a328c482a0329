/** Every read-model table lives in this schema, so a rebuild can drop it whole without touching the event store. */
export const READ_MODELS_SCHEMA = 'read_models';
