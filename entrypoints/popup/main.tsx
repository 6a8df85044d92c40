import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import { loadPopupData } from '../../utils/pages/popup-data';
import '../../components/pages.css';

render(<PopupApp load={() => loadPopupData()} />, document.getElementById('root')!);
