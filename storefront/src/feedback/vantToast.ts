// Vant's function APIs are not seen by the component resolver: their styles are imported here.
import 'vant/es/toast/style';

export { showToast } from 'vant';
