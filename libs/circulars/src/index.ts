export * from './circular-charts';
export * from './circular-html';
export * from './pdf-renderer';
export * from './circular-document.store';
export * from './circular-publisher';
export * from './circular.activities';
