import { render } from 'preact';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { loadDashboardData } from '../../utils/pages/dashboard-data';
import '../../components/pages.css';
import '../../components/dashboard/dashboard.css';

const load = () => loadDashboardData();
render(<DashboardApp load={load} />, document.getElementById('root')!);
