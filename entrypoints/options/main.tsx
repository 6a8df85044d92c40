import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { optionsBackend } from '../../utils/pages/options-backend';
import '../../components/pages.css';

render(<OptionsApp backend={optionsBackend} />, document.getElementById('root')!);
