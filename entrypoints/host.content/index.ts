// Content script on the host system's origins, in every frame: wiring only (see utils/overlay).
import { startContentScript } from '../../utils/overlay/content';

export default defineContentScript({
  // The demo court system; other courts' origins are registered at run time when their profile is granted.
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  allFrames: true,
  // document_start: the profiles are fetched while the page is still parsing; the first scan waits for the DOM.
  runAt: 'document_start',
  main() {
    startContentScript(window);
  },
});
