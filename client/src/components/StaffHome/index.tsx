import { View } from '@tarojs/components';
import type { Role } from '@qgt/shared/roles';
import { backOrHome, openPage, type RouteName } from '../../lib/nav';
import Notice from '../Notice';
import { StaffPage } from '../Page';
import { NO_PERMISSION } from '../Page/StaffPage';
import Tap from '../Tap';
import './index.scss';

interface Props {
  title: string;
  /** Who may use the page (account.me's role); others are told so. */
  roles: readonly Role[];
  /** What this area will hold, said plainly. */
  upcoming: string;
  /** Entries to the area's pages, shown to allowed callers. */
  links?: { page: RouteName; label: string; name: string }[];
}

/** The entry page of a staff area: who is calling, its pages' entries, what is coming, a way back. */
export default function StaffHome({ title, roles, upcoming, links }: Props) {
  const about = (
    <View>
      <View className='staff__text'>{upcoming}</View>
      <View className='staff__text'>身份和权限以服务端登记为准；没有权限的操作会被拒绝。</View>
      <Tap className='btn btn--plain staff__back' onClick={backOrHome}>
        返回办事指南
      </Tap>
    </View>
  );
  return (
    <StaffPage
      title={title}
      roles={roles}
      denied={
        <View className='staff'>
          <Notice tone='warn' text={NO_PERMISSION} />
          {about}
        </View>
      }
    >
      {() => (
        <View className='staff'>
          {links?.length ? (
            <View className='staff__links'>
              {links.map((l) => (
                <Tap key={l.page} className={`btn btn--plain staff__link staff__link--${l.name}`} onClick={() => openPage(l.page)}>
                  {l.label}
                </Tap>
              ))}
            </View>
          ) : null}
          {about}
        </View>
      )}
    </StaffPage>
  );
}
