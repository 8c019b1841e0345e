import type { RequestView } from '@qgt/shared/requests/views';
import { callFunction } from '../../../api/call';
import type { MapPoint } from '../../../lib/place';
import { useRemote, type Remote } from '../../../lib/useRemote';

/**
 * Where staff go for a request filed by building (a visit booked at a building, a report placed on
 * one): such a request has no point of its own, so the map and navigation use the building's, from
 * requests.options. Nothing is asked for a request with a point or without a building.
 */
export function useBuildingPoint(state: Remote<RequestView>): MapPoint | undefined {
  const r = state.status === 'ready' ? state.data : undefined;
  const code = r && !r.location ? r.buildingCode : undefined;
  const options = useRemote(() => callFunction('requests', 'options', {}), [code], { skip: !code });
  return code && options.state.status === 'ready' ? options.state.data.buildings.find((b) => b.code === code)?.point : undefined;
}
