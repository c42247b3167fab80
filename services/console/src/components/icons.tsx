/**
 * The few icons the console uses, as inline SVG. (@ant-design/icons is a
 * dependency of antd but not of this package; adding it is a one-line change
 * in package.json if more icons are wanted.)
 */
import type { CSSProperties } from 'react';

const base: CSSProperties = { width: '1em', height: '1em', verticalAlign: '-0.125em', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' };

const make = (paths: string[]) =>
  function Icon({ style }: { style?: CSSProperties }) {
    return (
      <svg viewBox="0 0 24 24" style={{ ...base, ...style }} aria-hidden="true" className="anticon">
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    );
  };

export const LockIcon = make(['M6 11h12v10H6z', 'M8 11V7a4 4 0 0 1 8 0v4']);
export const TraceIcon = make(['M3 6h6', 'M7 12h10', 'M13 18h8', 'M9 6v6', 'M17 12v6']);
export const ReloadIcon = make(['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7']);
export const DownloadIcon = make(['M12 3v12', 'M7 10l5 5 5-5', 'M4 21h16']);
export const PlusIcon = make(['M12 5v14', 'M5 12h14']);
export const LogoutIcon = make(['M15 4h4v16h-4', 'M10 17l5-5-5-5', 'M15 12H3']);
export const GlobeIcon = make(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M3 12h18', 'M12 3c3 3.5 3 14.5 0 18', 'M12 3c-3 3.5-3 14.5 0 18']);
export const ChartIcon = make(['M4 20V10', 'M10 20V4', 'M16 20v-7', 'M22 20H2']);
export const FlaskIcon = make(['M9 3h6', 'M10 3v6L4 19a1 1 0 0 0 1 2h14a1 1 0 0 0 1-2l-6-10V3']);
export const FactoryIcon = make(['M3 21V10l6 4V10l6 4V6h6v15z']);
export const HandshakeIcon = make(['M2 12l5-5 5 3 5-3 5 5', 'M7 13l4 4 2-2 2 2 4-4']);
export const CoinIcon = make(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M9 9l3 3 3-3', 'M12 12v6', 'M9 14h6']);
export const GearIcon = make(['M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6', 'M12 2v3', 'M12 19v3', 'M2 12h3', 'M19 12h3', 'M5 5l2 2', 'M17 17l2 2', 'M5 19l2-2', 'M17 7l2-2']);
export const TargetIcon = make(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8', 'M12 11.5v1']);
export const EditIcon = make(['M4 20h4L19 9l-4-4L4 16z', 'M14 6l4 4']);
