import './styles/theme.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/profile.css';
import './styles/audit.css';
import './styles/forums.css';
import './styles/incidents.css';
import { start } from './shell/start';

const container = document.getElementById('root');
if (container) {
  start(container);
}
