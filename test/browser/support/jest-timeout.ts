/**
 * The browser tier's default timeout for a test or a hook (the others keep jest.config.js's
 * 60 s): a page checked in four ways (wide and at 360 px, JavaScript on and off, axe-core each
 * time) takes 13-19 s on a quiet machine, and Chromium slows down the most on a loaded 2-core
 * CI machine. Only a hung test waits this long.
 */
jest.setTimeout(180_000);
