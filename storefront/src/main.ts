import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { installAuthGuard } from './auth/memberRoutes';
import { takeLoginParams } from './auth/loginParams';
import { configureSessionStart, hasLoginParams, startSession } from './auth/startSession';
import { createShopRouter } from './router';
import './styles/base.css';

// First of all: a login ticket or OAuth code leaves the address bar before anything can copy,
// share or log the URL, and before the router reads it.
const loginParams = takeLoginParams();

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
configureSessionStart(pinia, loginParams);
if (hasLoginParams(loginParams)) void startSession();

const router = createShopRouter();
installAuthGuard(router);
app.use(router);
app.mount('#app');
