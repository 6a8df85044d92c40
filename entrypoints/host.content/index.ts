// Content script on the host system's origins, in every frame: wiring only (see utils/overlay).
import { startContentScript } from '../../utils/overlay/content';

export default defineContentScript({
  // The demo court system; other courts' origins are registered at run time when their profile is granted.
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  allFrames: true,
  runAt: 'document_end',
  main() {
    startContentScript(window);
  },
});
