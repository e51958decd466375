// `import('./<area>?lang=…')` in areas.ts: one language of a message area (the build keeps only
// that language's table: src/build/message-languages.ts). areas.ts types each import with the
// area module's own type.
declare module '*?lang=zh-CN';
declare module '*?lang=en';
