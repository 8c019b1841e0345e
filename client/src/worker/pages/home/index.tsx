import StaffHome from '../../../components/StaffHome';

export default function WorkerHome() {
  return <StaffHome title='网格员工作台' upcoming='待办诉求、接单、转派、上报和办结等功能将在后续版本开放。' />;
}
