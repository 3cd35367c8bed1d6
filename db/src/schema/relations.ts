import { relations } from 'drizzle-orm';
import { categories, partners, productImages, products, skus, teamPartners, teams } from './catalog';

export const partnersRelations = relations(partners, ({ many }) => ({
  products: many(products),
  teamPartners: many(teamPartners),
}));

export const teamsRelations = relations(teams, ({ many }) => ({
  products: many(products),
  teamPartners: many(teamPartners),
}));

export const teamPartnersRelations = relations(teamPartners, ({ one }) => ({
  team: one(teams, { fields: [teamPartners.teamId], references: [teams.id] }),
  partner: one(partners, { fields: [teamPartners.partnerId], references: [partners.id] }),
}));

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: 'tree' }),
  children: many(categories, { relationName: 'tree' }),
  products: many(products),
}));

export const productsRelations = relations(products, ({ one, many }) => ({
  team: one(teams, { fields: [products.teamId], references: [teams.id] }),
  partner: one(partners, { fields: [products.partnerId], references: [partners.id] }),
  category: one(categories, { fields: [products.categoryId], references: [categories.id] }),
  images: many(productImages),
  skus: many(skus),
}));

export const productImagesRelations = relations(productImages, ({ one }) => ({
  product: one(products, { fields: [productImages.productId], references: [products.id] }),
}));

export const skusRelations = relations(skus, ({ one }) => ({
  product: one(products, { fields: [skus.productId], references: [products.id] }),
}));
