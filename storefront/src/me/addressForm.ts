import { ADDRESS_DETAIL_MAX, RECIPIENT_NAME_MAX } from '@qiaodu/shared';
import type { Address, AddressInput } from '@qiaodu/shared';
import type { AddressEditInfo, AddressListAddress } from 'vant';
import { mobileProblem, personNameProblem } from '@qiaodu/shared';

/** One line of an address as a courier reads it. Municipalities repeat as city: said once. */
export function addressLine(address: Pick<Address, 'province' | 'city' | 'county' | 'detail'>): string {
  const city = address.city === address.province ? '' : address.city;
  return `${address.province}${city}${address.county} ${address.detail}`;
}

export function toAddressListItem(address: Address): AddressListAddress {
  return { id: address.id, name: address.name, tel: address.phone, address: addressLine(address), isDefault: address.isDefault };
}

export function toAddressEditInfo(address: Address): AddressEditInfo {
  return {
    name: address.name,
    tel: address.phone,
    province: address.province,
    city: address.city,
    county: address.county,
    areaCode: address.areaCode,
    addressDetail: address.detail,
    isDefault: address.isDefault,
  };
}

/** What the API takes: the county code only, the server fills in the names. */
export function toAddressInput(info: AddressEditInfo): AddressInput {
  return {
    name: info.name.trim(),
    phone: info.tel.trim(),
    areaCode: info.areaCode,
    detail: info.addressDetail.trim(),
    isDefault: info.isDefault ?? false,
  };
}

/** The API's field names as Vant's address editor calls them, for showing server errors. */
export const EDITOR_FIELD_OF: Record<string, keyof AddressEditInfo> = {
  name: 'name',
  phone: 'tel',
  areaCode: 'areaCode',
  detail: 'addressDetail',
};

const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/u;

/**
 * The client-side checks of the address editor, mirroring AddressInput in shared/src/accounts.ts
 * (a zod schema the storefront does not load). Returns the message, or undefined when fine.
 */
export function addressFieldProblem(field: string, value: string): string | undefined {
  switch (field) {
    case 'name':
      return personNameProblem(value, RECIPIENT_NAME_MAX) ?? undefined;
    case 'tel':
      return mobileProblem(value.trim()) ?? undefined;
    case 'areaCode':
      // Vant validates the area field by the text it shows ("广东省/江门市/蓬江区"), not the code.
      return value ? undefined : '请选择省市区';
    case 'addressDetail': {
      const detail = value.trim();
      if (detail.length < 2) return '请填写详细地址';
      if (detail.length > ADDRESS_DETAIL_MAX) return `详细地址最多 ${ADDRESS_DETAIL_MAX} 个字`;
      return PICTOGRAPHS.test(detail) ? '详细地址不能包含表情符号' : undefined;
    }
    default:
      return undefined;
  }
}
