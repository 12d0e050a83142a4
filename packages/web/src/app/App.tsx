import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { useMe } from '../auth/session';
import { LoadFailed, Loading } from '../components/states';
import { createQueryClient } from './query-client';
import { AppRoutes } from './routes';
import { Shell } from './Shell';

/** The sign-in page for nobody, the frame and its pages for someone. */
function SignedInOrNot() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <LoginPage />;
  return (
    <Shell me={me.data}>
      <AppRoutes me={me.data} />
    </Shell>
  );
}

/** The web app: API cache, component library in the interface language, routes. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff' } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SignedInOrNot />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
