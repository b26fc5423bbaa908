// Application form definitions as data (docs/services.md): the vocabulary lives in apps/shared, which
// the console's form editor speaks too.
export * from '../../../../../shared/forms.ts';
