import type { ProductHit } from './api-types';
import { useLocale } from '../i18n/locale-switch.view';

/**
 * A product's name as the person reading it knows it: on a Chinese screen the Chinese name
 * first (when the catalogue has one), the catalogue's own name beside it, so the agent can read
 * either to the caller; on an English screen the catalogue name alone.
 */
export function ProductName({ hit }: { hit: Pick<ProductHit, 'name' | 'chineseName'> }) {
  const { locale } = useLocale();
  if (locale !== 'zh-CN' || !hit.chineseName) return <span className="product-name">{hit.name}</span>;
  return (
    <span className="product-name">
      <span lang="zh-CN">{hit.chineseName}</span> <span className="product-name-other" lang="en">{hit.name}</span>
    </span>
  );
}
