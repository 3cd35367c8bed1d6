import { productEditScope } from '@qiaodu/shared';
import type { ConsoleProductDetail, ProductInput } from '@qiaodu/shared';
import { computed, ref, shallowRef, watch } from 'vue';
import { onBeforeRouteLeave, useRouter } from 'vue-router';
import { getConsoleTeam } from '../api/console';
import { fieldErrorsByPath } from '../api/fieldErrors';
import type { FieldErrors } from '../api/fieldErrors';
import { ApiError, errorMessage } from '../api/http';
import { createProduct, deleteProduct, getTeamProduct, runProductAction, updateProduct } from '../api/products';
import type { ProductAction } from '../api/products';
import { showConfirmDialog } from '../feedback/vantDialog';
import { showToast } from '../feedback/vantToast';
import { changesContent } from '../products/editScope';
import { emptyProductDraft, productDraftOf, productErrorKey, toProductInput } from '../products/productForm';
import type { ProductDraft } from '../products/productForm';
import { useSessionStore } from '../stores/useSessionStore';
import { setPageTitle } from '../wechat';
import { useConsoleTeam } from './useConsoleTeam';
import { useResource } from './useResource';

const ACTION_DONE: Record<ProductAction, string> = {
  submitProduct: '已提交审核，请等待老师审核',
  withdrawProduct: '已撤回，可以继续修改',
  takeProductOffShelf: '已下架',
  relistProduct: '已重新上架',
};
const ACTION_ALLOWED: Record<ProductAction, keyof ConsoleProductDetail['can']> = {
  submitProduct: 'submit',
  withdrawProduct: 'withdraw',
  takeProductOffShelf: 'takeOffShelf',
  relistProduct: 'relist',
};

const REVIEW_AGAIN_MESSAGE = '修改价格和重量以外的内容或图片后，商品将回到草稿，需要重新提交审核、老师通过后才能上架。确定继续吗？';

const confirmed = (options: Parameters<typeof showConfirmDialog>[0]) =>
  showConfirmDialog(options)
    .then(() => true)
    .catch(() => false);

/**
 * The product editor's state and actions: load, save (a new product is created as a draft),
 * the listing workflow, delete and the leave guard. The review rule (productEditScope in
 * shared) shapes it: on sale only prices and weights are editable; off the shelf, changing
 * anything else sends the product back to review, which is said before saving.
 */
export function useProductEditor(props: { teamId: number; productId: number | null }) {
  const router = useRouter();
  const session = useSessionStore();
  const team = useConsoleTeam(() => props.teamId);
  const listPath = computed(() => `/console/teams/${props.teamId}/products`);

  const teamDetail = useResource(
    () => props.teamId,
    (teamId, signal) => getConsoleTeam(teamId, { signal }),
  );
  const partnerOptions = computed(() => (teamDetail.data.value?.partners ?? []).map((partner) => ({ value: partner.id, label: partner.name })));

  // The product as the server last answered; after the first save of a new product the page
  // keeps working on it without a reload, so uploads under way are not interrupted.
  const product = shallowRef<ConsoleProductDetail | null>(null);
  const currentId = ref<number | null>(props.productId);
  const loadError = shallowRef<ApiError | null>(null);
  const draft = ref<ProductDraft>(emptyProductDraft(null));
  /** The input as last loaded or saved: what a save is compared with. */
  const baseline = shallowRef<ProductInput | null>(null);
  const baselineText = computed(() => (baseline.value ? JSON.stringify(baseline.value) : ''));
  /** The draft as last loaded or saved, to warn before unsaved edits are left behind. */
  const pristine = ref('');
  const errors = ref<FieldErrors>({});
  /** Off the shelf, the user agreed that picture changes send the product back to review. */
  let reviewAgainAgreed = false;

  function adopt(detail: ConsoleProductDetail): void {
    product.value = detail;
    currentId.value = detail.id;
    draft.value = productDraftOf(detail);
    baseline.value = toProductInput(draft.value).input;
    pristine.value = JSON.stringify(draft.value);
    reviewAgainAgreed = false;
    setPageTitle(detail.title);
  }

  async function load(productId: number): Promise<void> {
    loadError.value = null;
    product.value = null;
    try {
      adopt(await getTeamProduct(props.teamId, productId));
    } catch (error) {
      loadError.value = error instanceof ApiError ? error : new ApiError('NETWORK_ERROR', errorMessage(error), 0);
    }
  }

  watch(
    () => props.productId,
    (productId) => {
      if (productId !== null && productId === currentId.value && product.value) return;
      currentId.value = productId;
      errors.value = {};
      if (productId === null) {
        product.value = null;
        draft.value = emptyProductDraft(teamDetail.data.value?.partners[0]?.id ?? null);
        baseline.value = null;
        pristine.value = JSON.stringify(draft.value);
      } else void load(productId);
    },
    { immediate: true },
  );
  // A new product starts with the team's first partner, once the team has loaded.
  watch(
    () => teamDetail.data.value,
    (detail) => {
      if (currentId.value !== null || draft.value.partnerId !== null) return;
      const untouched = JSON.stringify(draft.value) === pristine.value;
      draft.value.partnerId = detail?.partners[0]?.id ?? null;
      if (untouched) pristine.value = JSON.stringify(draft.value);
    },
  );

  const creating = computed(() => currentId.value === null);
  const canCreate = computed(() => team.isMember.value || session.isAdmin);
  const can = computed(() => product.value?.can ?? null);
  const editable = computed(() => (creating.value ? canCreate.value : can.value?.edit === true));
  const readonly = computed(() => !editable.value);
  /** On sale only SKU prices and weights may change; everything else waits for the shelf. */
  const pricesOnly = computed(() => product.value !== null && productEditScope(product.value.status) === 'prices');
  /** Read-only for everything but prices and weights. */
  const contentReadonly = computed(() => readonly.value || pricesOnly.value);
  const dirty = computed(() => creating.value || JSON.stringify(toProductInput(draft.value).input) !== baselineText.value);
  const hasActions = computed(
    () => editable.value || Boolean(can.value && (can.value.submit || can.value.withdraw || can.value.takeOffShelf || can.value.relist)),
  );
  const rejected = computed(() => (product.value?.status === 'draft' && product.value.lastReview?.decision === 'rejected' ? product.value.lastReview : null));

  // Any edit to a field clears its message.
  watch(
    () => JSON.stringify(draft.value),
    () => {
      if (Object.keys(errors.value).length) errors.value = {};
    },
  );

  /** Off the shelf, a change beyond prices and weights needs the user's yes: it costs a new review. */
  async function agreesToReviewAgain(): Promise<boolean> {
    if (product.value?.status !== 'off_shelf') return true;
    return confirmed({ title: '需要重新审核', message: REVIEW_AGAIN_MESSAGE });
  }

  const saving = ref(false);
  /** Saves the draft; answers the product's id, or null when it was not saved. */
  async function save(options: { quiet?: boolean } = {}): Promise<number | null> {
    const { input, problems } = toProductInput(draft.value);
    if (!input) {
      errors.value = problems;
      showToast(Object.values(problems)[0] ?? '请检查填写的内容');
      return null;
    }
    if (changesContent(baseline.value, input) && !reviewAgainAgreed && !(await agreesToReviewAgain())) return null;
    saving.value = true;
    try {
      const id = currentId.value;
      const saved = id === null ? await createProduct(props.teamId, input) : await updateProduct(props.teamId, id, input);
      const isNew = id === null;
      const backToDraft = product.value?.status === 'off_shelf' && saved.status === 'draft';
      adopt(saved);
      if (isNew) void router.replace(`${listPath.value}/${saved.id}`);
      if (backToDraft) showToast('已保存，商品回到草稿，请重新提交审核');
      else if (!options.quiet) showToast(isNew ? '已保存为草稿' : '已保存');
      return saved.id;
    } catch (error) {
      const fields = fieldErrorsByPath(error);
      const { '': general, ...byPath } = fields ?? {};
      const byField: FieldErrors = {};
      for (const [path, message] of Object.entries(byPath)) byField[productErrorKey(path)] ??= message;
      errors.value = byField;
      // The first problem as a toast too: on a long form the field may be out of sight.
      showToast(general ?? Object.values(byField)[0] ?? errorMessage(error));
      return null;
    } finally {
      saving.value = false;
    }
  }

  /**
   * The product a picture change goes to, or null when it is not to happen: a new product is
   * saved as a draft first, and off the shelf the user is told the change costs a new review.
   */
  async function ensureProduct(): Promise<number | null> {
    if (currentId.value === null) return save({ quiet: true });
    if (!reviewAgainAgreed && !(await agreesToReviewAgain())) return null;
    reviewAgainAgreed = true;
    return currentId.value;
  }

  const acting = ref<ProductAction | 'delete' | null>(null);
  async function act(action: ProductAction): Promise<void> {
    if (action === 'takeProductOffShelf' && !(await confirmed({ title: '下架商品', message: '下架后顾客将不能购买，确定下架吗？' }))) return;
    // Every step works on what is on the screen: unsaved edits are saved first, never dropped.
    if (editable.value && dirty.value) {
      if ((await save({ quiet: true })) === null) return;
      // The save may have changed what is allowed (an off-shelf product back in draft cannot be relisted).
      if (!product.value?.can[ACTION_ALLOWED[action]]) return;
    }
    const id = currentId.value;
    if (id === null) return;
    acting.value = action;
    try {
      adopt(await runProductAction(action, props.teamId, id));
      showToast(ACTION_DONE[action]);
    } catch (error) {
      showToast(errorMessage(error));
    } finally {
      acting.value = null;
    }
  }

  async function remove(): Promise<void> {
    const id = currentId.value;
    if (id === null) return;
    if (!(await confirmed({ title: '删除草稿', message: '删除后无法恢复，确定删除这个商品吗？' }))) return;
    acting.value = 'delete';
    try {
      await deleteProduct(props.teamId, id);
      // Nothing left to lose: the leave guard has no reason to ask.
      pristine.value = JSON.stringify(draft.value);
      showToast('已删除');
      void router.replace(listPath.value);
    } catch (error) {
      showToast(errorMessage(error));
    } finally {
      acting.value = null;
    }
  }

  /**
   * After a picture changes, the status, activity and allowed actions are read again (off the
   * shelf the product is back in draft); the fields being typed into are left alone.
   */
  let metaRequest = 0;
  async function refreshMeta(): Promise<void> {
    const id = currentId.value;
    if (id === null) return;
    const mine = ++metaRequest;
    const fresh = await getTeamProduct(props.teamId, id).catch(() => null);
    if (!fresh || mine !== metaRequest || !product.value || product.value.id !== fresh.id) return;
    product.value = { ...product.value, activity: fresh.activity, can: fresh.can, status: fresh.status, updatedAt: fresh.updatedAt };
  }

  onBeforeRouteLeave(async () => {
    if (!editable.value || saving.value || JSON.stringify(draft.value) === pristine.value) return true;
    return confirmed({ title: '离开编辑', message: '还有未保存的修改，离开后会丢失。确定离开吗？', confirmButtonText: '离开', cancelButtonText: '继续编辑' });
  });

  const images = computed({
    get: () => product.value?.images ?? [],
    set: (value) => {
      if (!product.value) return;
      product.value = { ...product.value, images: value };
      void refreshMeta();
    },
  });

  return {
    team,
    listPath,
    partnerOptions,
    product,
    currentId,
    loadError,
    draft,
    errors,
    images,
    creating,
    canCreate,
    can,
    editable,
    readonly,
    pricesOnly,
    contentReadonly,
    dirty,
    hasActions,
    rejected,
    saving,
    acting,
    load,
    save,
    ensureProduct,
    act,
    remove,
  };
}
