import { ROUTES } from '@qiaodu/shared';
import type { Address, AddressInput, AddressList } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

export function listAddresses(options: CallOptions = {}): Promise<AddressList> {
  const { method, path } = ROUTES.listAddresses;
  return request<AddressList>(method, path, options);
}

export function getAddress(id: number, options: CallOptions = {}): Promise<Address> {
  const { method, path } = ROUTES.getAddress;
  return request<Address>(method, path, { ...options, params: { id } });
}

export function createAddress(body: AddressInput): Promise<Address> {
  const { method, path } = ROUTES.createAddress;
  return request<Address>(method, path, { body });
}

export function updateAddress(id: number, body: AddressInput): Promise<Address> {
  const { method, path } = ROUTES.updateAddress;
  return request<Address>(method, path, { params: { id }, body });
}

export function deleteAddress(id: number): Promise<void> {
  const { method, path } = ROUTES.deleteAddress;
  return request<unknown>(method, path, { params: { id } }).then(() => undefined);
}

export function setDefaultAddress(id: number): Promise<Address> {
  const { method, path } = ROUTES.setDefaultAddress;
  return request<Address>(method, path, { params: { id } });
}
