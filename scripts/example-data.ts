// Seeded generator of the example registry's datasets (the seeds' marketing case).
// Deterministic for a seed, so the committed files can be regenerated and enlarged (benchmarks need 1M rows).

import { mulberry32 } from '../src/data/seeded-random.js'

/** The generator's source of randomness: seeded, so the example data can be regenerated exactly. */
export const rng = mulberry32

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const pickN = <T>(r: Rand, xs: readonly T[], n: number): T[] => {
  const copy = [...xs]
  const out: T[] = []
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]!)
  return out
}

interface Category {
  key: string
  noun: string
  topic: string
  features: string[]
  materials: string[]
  audience: string[]
  scenes: string[]
  keywords: string[]
}

const CATEGORIES: Category[] = [
  {
    key: 'running-shoe',
    noun: 'running shoe',
    topic: 'running',
    features: [
      'responsive foam midsole',
      'breathable knit upper',
      'reflective heel tab',
      'carbon plate',
      'wide toe box',
      'grippy rubber outsole',
      '8 mm heel drop'
    ],
    materials: ['recycled mesh', 'knit', 'synthetic suede'],
    audience: ['marathon runners', 'daily joggers', 'trail beginners'],
    scenes: ['on a forest trail', 'on a city track', 'beside a running watch'],
    keywords: ['best running shoes for beginners', 'cushioned running shoes', 'marathon training shoes']
  },
  {
    key: 'coffee-grinder',
    noun: 'burr coffee grinder',
    topic: 'coffee',
    features: [
      '40 grind settings',
      'conical steel burrs',
      'low-retention chute',
      'quiet motor',
      'timed dosing',
      'anti-static cup'
    ],
    materials: ['brushed steel', 'matte aluminium', 'walnut'],
    audience: ['home baristas', 'pour-over fans', 'espresso lovers'],
    scenes: ['on a kitchen counter', 'next to a pour-over kettle', 'with fresh beans'],
    keywords: ['best burr grinder for espresso', 'quiet coffee grinder', 'pour over grind size']
  },
  {
    key: 'headphones',
    noun: 'wireless headphones',
    topic: 'audio',
    features: [
      'active noise cancelling',
      '40-hour battery',
      'multipoint Bluetooth',
      'memory-foam ear cushions',
      'USB-C fast charging',
      'spatial audio'
    ],
    materials: ['vegan leather', 'matte plastic', 'aluminium'],
    audience: ['commuters', 'remote workers', 'frequent flyers'],
    scenes: ['on a desk', 'worn on a train', 'folded in a travel case'],
    keywords: ['noise cancelling headphones for travel', 'best headphones for work calls', 'long battery headphones']
  },
  {
    key: 'standing-desk',
    noun: 'standing desk',
    topic: 'home-office',
    features: [
      'dual motors',
      'four height presets',
      'anti-collision sensor',
      'cable tray',
      '120 kg load capacity',
      'bamboo top'
    ],
    materials: ['bamboo', 'oak veneer', 'powder-coated steel'],
    audience: ['remote workers', 'gamers', 'designers'],
    scenes: ['in a sunny home office', 'with two monitors', 'in a small apartment'],
    keywords: ['best standing desk for small spaces', 'electric standing desk', 'ergonomic home office setup']
  },
  {
    key: 'hiking-backpack',
    noun: 'hiking backpack',
    topic: 'outdoor',
    features: [
      '35-litre capacity',
      'ventilated back panel',
      'hip-belt pockets',
      'rain cover',
      'hydration sleeve',
      'adjustable torso length'
    ],
    materials: ['ripstop nylon', 'recycled polyester', 'waxed canvas'],
    audience: ['day hikers', 'weekend backpackers', 'travellers'],
    scenes: ['on a mountain ridge', 'leaning on a trail sign', 'packed for a weekend trip'],
    keywords: ['best day hiking backpack', 'lightweight hiking pack', 'what to pack for a day hike']
  },
  {
    key: 'yoga-mat',
    noun: 'yoga mat',
    topic: 'yoga',
    features: [
      '6 mm cushioning',
      'non-slip texture',
      'alignment lines',
      'carrying strap',
      'sweat-resistant surface',
      'PVC-free'
    ],
    materials: ['natural rubber', 'cork', 'TPE'],
    audience: ['hot yoga practitioners', 'beginners', 'pilates fans'],
    scenes: ['rolled out in a studio', 'in a living room', 'by a window at sunrise'],
    keywords: ['best yoga mat for beginners', 'non slip yoga mat', 'cork vs rubber yoga mat']
  }
]
const BRANDS = [
  'Northwind',
  'Aurelia',
  'Kestrel',
  'Bluepeak',
  'Solenne',
  'Trailcraft',
  'Moreau',
  'Ondine',
  'Vantor',
  'Halden'
]
const COLORS = ['black', 'slate grey', 'forest green', 'ocean blue', 'sand beige', 'crimson', 'white', 'navy']
const LINES = ['Air', 'Pro', 'Lite', 'Max', 'Core', 'Flow', 'Edge', 'One', 'Prime', 'Zen']
const STORE = 'Acme Outfitters'

interface Product {
  sku: string
  brand: string
  name: string
  category: Category
  color: string
  material: string
  features: string[]
  audience: string
  price: number
}

function product(r: Rand, serial: number, categories: readonly Category[] = CATEGORIES): Product {
  const category = pick(r, categories)
  const brand = pick(r, BRANDS)
  const line = `${pick(r, LINES)} ${2 + Math.floor(r() * 8)}`
  return {
    sku: `${category.key.slice(0, 3).toUpperCase()}-${String(serial).padStart(6, '0')}`,
    brand,
    name: `${brand} ${line} ${titleCase(category.noun)}`,
    category,
    color: pick(r, COLORS),
    material: pick(r, category.materials),
    features: pickN(r, category.features, 3),
    audience: pick(r, category.audience),
    price: Math.round((20 + r() * 380) * 100) / 100
  }
}

const titleCase = (s: string) => s.replace(/\b\w/g, c => c.toUpperCase())
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** One chat row of the seo-writer model. */
export function seoWriterRow(r: Rand, serial: number): Record<string, unknown> {
  const p = product(r, serial)
  const useCase = pick(r, ['product-description', 'meta-title', 'alt-text', 'content-brief'] as const)
  const system = `You are the SEO copywriter of ${STORE}. Write accurate, concise copy in British English.`
  let user: string
  let answer: string
  switch (useCase) {
    case 'product-description': {
      user = `Write a product description for the ${p.name} (${p.color}, ${p.material}). Key features: ${p.features.join('; ')}. Audience: ${p.audience}.`
      const opener = pick(r, [
        `Meet the ${p.name}`,
        `The ${p.name} is built for ${p.audience}`,
        `Designed for ${p.audience}, the ${p.name}`
      ])
      answer = `${opener}: a ${p.color} ${p.category.noun} in ${p.material} with ${p.features[0]}, ${p.features[1]} and ${p.features[2]}. ${cap(pick(r, ['every detail is tuned for comfort and durability', 'it balances performance with everyday practicality', 'it is made to keep up with your routine']))}.`
      break
    }
    case 'meta-title': {
      user = `Write an SEO meta title (at most 60 characters) for the ${p.name} product page.`
      answer = `${p.name} | ${cap(p.features[0]!)}`.slice(0, 52) + ` | ${STORE.split(' ')[0]}`
      break
    }
    case 'alt-text': {
      const scene = pick(r, p.category.scenes)
      user = `Write alt text for a product photo: the ${p.color} ${p.name} ${scene}.`
      answer = `${cap(p.color)} ${p.brand} ${p.category.noun} ${scene}`
      break
    }
    case 'content-brief': {
      const keyword = pick(r, p.category.keywords)
      user = `Write a content brief for a blog post targeting the keyword "${keyword}" that links to the ${p.name}.`
      answer = `Title: ${cap(keyword)}: a ${new Date(2026, 0, 1).getFullYear()} guide\nAudience: ${p.audience}\nSearch intent: ${pick(r, ['commercial investigation', 'informational', 'transactional'])}\nOutline: what to look for (${p.features.slice(0, 2).join(', ')}); how we tested; top picks including the ${p.name}; care tips.\nInternal link: ${p.sku} product page.`
      break
    }
  }
  return {
    id: `seo-${String(serial).padStart(7, '0')}`,
    use_case: useCase,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
      { role: 'assistant', content: answer }
    ]
  }
}

const TOPIC_LABELS: Record<string, string> = {
  running: 'topic-running',
  coffee: 'topic-coffee',
  audio: 'topic-audio',
  'home-office': 'topic-home-office',
  outdoor: 'topic-outdoor',
  yoga: 'topic-yoga'
}
export const CLASSIFIER_LABELS = [...Object.values(TOPIC_LABELS), 'refresh-urgent', 'refresh-soon', 'refresh-none']

/** One classification row of the content-classifier model. */
export function classifierRow(
  r: Rand,
  serial: number,
  categories: readonly Category[] = CATEGORIES
): Record<string, unknown> {
  const p = product(r, serial, categories)
  const id = `cls-${String(serial).padStart(7, '0')}`
  if (r() < 0.6) {
    const other = pick(r, categories)
    const text = `${cap(pick(r, p.category.keywords))}: ${pick(r, ['we compare', 'our editors review', 'a hands-on look at', 'how to choose'])} ${p.category.noun}s with ${p.features[0]} and ${p.features[1]}. ${pick(r, ['Also mentioned:', 'Related reading:', 'See also:'])} ${other.noun} basics.`
    return { id, use_case: 'internal-linking', text, label: TOPIC_LABELS[p.category.topic] }
  }
  const year = 2016 + Math.floor(r() * 10)
  const traffic = Math.round((r() * 2 - 1) * 60)
  const broken = Math.floor(r() * 6)
  const score = (2026 - year) * 0.6 + Math.max(0, -traffic) / 15 + broken * 0.5 + (r() - 0.5) * 1.2
  const label = score > 5 ? 'refresh-urgent' : score > 2.5 ? 'refresh-soon' : 'refresh-none'
  const text = `Article "${cap(pick(r, p.category.keywords))}" last updated ${year}; organic traffic ${traffic >= 0 ? 'up' : 'down'} ${Math.abs(traffic)}% quarter on quarter; ${broken} broken link${broken === 1 ? '' : 's'}; mentions the ${p.name}.`
  return { id, use_case: 'content-refresh', text, label }
}

/** One fields row of the schema-markup model: product facts in, schema.org JSON-LD out. */
export function schemaMarkupRow(r: Rand, serial: number): Record<string, unknown> {
  const p = product(r, serial)
  const useCase = pick(r, ['product-page', 'offer-snippet'] as const)
  const availability = pick(r, ['InStock', 'OutOfStock', 'PreOrder'] as const)
  const rating = Math.round((3 + r() * 2) * 10) / 10
  const reviews = Math.floor(r() * 900)
  const jsonld =
    useCase === 'product-page'
      ? {
          '@context': 'https://schema.org',
          '@type': 'Product',
          name: p.name,
          sku: p.sku,
          brand: { '@type': 'Brand', name: p.brand },
          color: p.color,
          material: p.material,
          aggregateRating: { '@type': 'AggregateRating', ratingValue: rating, reviewCount: reviews },
          offers: {
            '@type': 'Offer',
            price: p.price.toFixed(2),
            priceCurrency: 'GBP',
            availability: `https://schema.org/${availability}`
          }
        }
      : {
          '@context': 'https://schema.org',
          '@type': 'Offer',
          itemOffered: { '@type': 'Product', name: p.name, sku: p.sku },
          price: p.price.toFixed(2),
          priceCurrency: 'GBP',
          availability: `https://schema.org/${availability}`
        }
  return {
    id: `sch-${String(serial).padStart(7, '0')}`,
    use_case: useCase,
    product_name: p.name,
    brand: p.brand,
    sku: p.sku,
    color: p.color,
    material: p.material,
    price: p.price.toFixed(2),
    availability,
    rating: String(rating),
    review_count: String(reviews),
    jsonld: JSON.stringify(jsonld)
  }
}

// A product line the example registry's data never mentions: production inputs that drift (the demo's drift chapter).
const GARDEN: Category[] = [
  {
    key: 'garden-tools',
    noun: 'cordless hedge trimmer',
    topic: 'outdoor',
    features: ['brushless motor', '60 cm laser-cut blade', 'anti-vibration handle', 'swappable 18 V battery'],
    materials: ['fibreglass', 'galvanised steel', 'recycled polypropylene'],
    audience: ['allotment growers', 'new homeowners', 'orchard keepers'],
    scenes: ['beside a raised bed', 'in a greenhouse', 'on a freshly mown lawn'],
    keywords: ['how to prune fruit trees', 'hedge trimming in spring', 'quiet garden tools for allotments']
  },
  {
    key: 'lawnmower',
    noun: 'robot lawnmower',
    topic: 'outdoor',
    features: ['boundary-free GPS mapping', 'rain sensor', 'mulching blades', '30 % slope climbing'],
    materials: ['weatherproof ABS', 'stainless steel', 'rubberised polymer'],
    audience: ['busy gardeners', 'large-lawn owners', 'smart-home fans'],
    scenes: ['on a striped lawn', 'in its charging dock', 'under an apple tree'],
    keywords: ['best cordless lawnmower for small gardens', 'robot mower vs push mower', 'raised bed soil and mulch']
  }
]

/** A content-classifier row about garden tools, a product line the example data has none of (drift). */
export function gardenClassifierRow(r: Rand, serial: number): Record<string, unknown> {
  return classifierRow(r, serial, GARDEN)
}

export const GENERATORS = {
  'seo-writer': seoWriterRow,
  'content-classifier': classifierRow,
  'schema-markup': schemaMarkupRow
} as const
export type ExampleModel = keyof typeof GENERATORS
