import { Route, Routes } from 'react-router';
import type { Area } from '../common/area';
import { NotFoundPage } from '../shell/NotFoundPage';
import { ArticleDiffPage } from './ArticleDiffPage';
import { EditArticlePage, NewArticlePage } from './ArticleEditorPage';
import { ArticleHistoryPage } from './ArticleHistoryPage';
import { ArticleListPage } from './ArticleListPage';
import { ArticlePage } from './ArticlePage';

const DESCRIPTION =
  'Best practices and lessons learned: articles written, reviewed by a second person, published, revised and retired.';

/** `/kb` and everything below it: the list, the reading view, the editor, the history and the diff. */
export function KnowledgeBasePage() {
  return (
    <Routes>
      <Route index element={<ArticleListPage />} />
      <Route path="new" element={<NewArticlePage />} />
      <Route path=":articleId" element={<ArticlePage />} />
      <Route path=":articleId/edit" element={<EditArticlePage />} />
      <Route path=":articleId/history" element={<ArticleHistoryPage />} />
      <Route path=":articleId/diff" element={<ArticleDiffPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export const knowledgeArea: Area = {
  path: '/kb',
  label: 'Knowledge base',
  description: DESCRIPTION,
  available: true,
  page: KnowledgeBasePage,
};
