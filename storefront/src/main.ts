import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createShopRouter } from './router';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(createShopRouter());
app.mount('#app');
