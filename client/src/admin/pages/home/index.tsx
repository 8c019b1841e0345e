import StaffHome from '../../../components/StaffHome';

export default function AdminHome() {
  return <StaffHome title='管理后台' roles={['admin']} upcoming='网格导入、网格员管理和办件统计等功能将在后续版本开放；待人工派单的工单可在“网格员工作台”中处理。' />;
}
