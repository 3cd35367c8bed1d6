import { areaList } from '@vant/area-data';

/**
 * Chinese regions from Vant's area data, the same list the storefront's address editor shows.
 * Kept out of the shared index: only the server and the address editor load the table.
 */
export interface Region {
  areaCode: string;
  province: string;
  city: string;
  county: string;
}

/** The province, city and county of a 6-digit county code, or null when there is none. */
export function regionOf(areaCode: string): Region | null {
  if (!/^[0-9]{6}$/.test(areaCode)) return null;
  const county = areaList.county_list[areaCode];
  const city = areaList.city_list[`${areaCode.slice(0, 4)}00`];
  const province = areaList.province_list[`${areaCode.slice(0, 2)}0000`];
  if (!county || !city || !province) return null;
  return { areaCode, province, city, county };
}
