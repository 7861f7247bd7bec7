import { AreaPlaceholder } from '../common/AreaPlaceholder';
import type { Area } from '../common/area';

const DESCRIPTION =
  'Best practices and lessons learned: articles written, reviewed by a second person, published, revised and retired.';

export function KnowledgeBasePage() {
  return (
    <AreaPlaceholder
      title="Knowledge base"
      message="The knowledge base is not available yet — it arrives in a later release."
      description={DESCRIPTION}
    />
  );
}

export const knowledgeArea: Area = {
  path: '/kb',
  label: 'Knowledge base',
  description: DESCRIPTION,
  available: false,
  page: KnowledgeBasePage,
};
