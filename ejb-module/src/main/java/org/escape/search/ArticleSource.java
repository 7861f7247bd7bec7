package org.escape.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.escape.knowledge.Article;

/** Reads the current state of articles for the index, each call in a transaction of its own. Read-only. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ArticleSource {

    @PersistenceContext(unitName = "escape")
    private EntityManager em;

    public Optional<ArticleSnapshot> article(UUID id) {
        Article a = em.find(Article.class, id);
        return a == null ? Optional.empty() : Optional.of(new ArticleSnapshot(a.id(), a.title(), a.summary(), a.body(),
                a.tags(), a.label(), a.status().name(), a.authorId(), a.createdAt(), a.updatedAt()));
    }

    /** One batch of all article ids, in a stable order, for a rebuild. */
    public List<UUID> articleIds(int offset, int limit) {
        return em.createQuery("SELECT a.id FROM Article a ORDER BY a.createdAt, a.id", UUID.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long documentEstimate() {
        return em.createQuery("SELECT COUNT(a) FROM Article a", Long.class).getSingleResult();
    }

    public boolean hasArticles() {
        return !em.createQuery("SELECT a.id FROM Article a", UUID.class).setMaxResults(1).getResultList().isEmpty();
    }
}
