import StaffHome from '../../../components/StaffHome';

export default function AdminHome() {
  return <StaffHome title='管理后台' upcoming='网格导入、网格员管理和办件统计等功能将在后续版本开放。' />;
}
