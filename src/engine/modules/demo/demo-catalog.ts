import type { LocationKind } from '../../../shared';
import { createRng, hashInt, hashString, intBetween } from '../../core/rng';

/**
 * The demo retailer's catalog: fashion, home, electronics, sports and beauty for an Argentine
 * omnichannel retailer, as product families × models × colourways × sizes, with Spanish names and
 * 2026 peso prices. Pure and deterministic: the same seed and count give the same catalog.
 */
export interface DemoProduct {
  /** `FAM-ILY-SS-VARIANT`, e.g. `CAL-RUN-01-42`: family, style (model + colourway), size or variant. */
  sku: string;
  name: string;
  category: string;
  weightGrams: number;
  /** ARS, with retail endings (e.g. 89999). */
  price: number;
}

/** A colour (or finish) in the four forms Spanish agreement needs: m, f, m plural, f plural. */
interface Colour {
  readonly forms: readonly [string, string, string, string];
}
type Gender = 'm' | 'f' | 'mp' | 'fp';
const GENDER_FORM: Record<Gender, 0 | 1 | 2 | 3> = { m: 0, f: 1, mp: 2, fp: 3 };

const agreeing = (stem: string): Colour => ({ forms: [`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`] });
const invariable = (word: string, plural = word): Colour => ({ forms: [word, word, plural, plural] });
const COLOURS = {
  negro: agreeing('negr'),
  blanco: agreeing('blanc'),
  rojo: agreeing('roj'),
  plateado: agreeing('platead'),
  dorado: agreeing('dorad'),
  amarillo: agreeing('amarill'),
  gris: invariable('gris', 'grises'),
  azul: invariable('azul', 'azules'),
  verde: invariable('verde', 'verdes'),
  celeste: invariable('celeste', 'celestes'),
  marron: invariable('marrón', 'marrones'),
  natural: invariable('natural', 'naturales'),
  beige: invariable('beige'),
  rosa: invariable('rosa'),
  bordo: invariable('bordó'),
  violeta: invariable('violeta'),
  naranja: invariable('naranja'),
  suela: invariable('suela'),
} as const;
type ColourName = keyof typeof COLOURS;

interface Variant {
  /** As it reads in the name, e.g. "42", "2 plazas", "256 GB", "negro". */
  label: string;
  /** As it reads in the SKU: uppercase letters and digits only. */
  code: string;
  /** Price and weight relative to the model's base (a King sheet set costs more than a single). */
  priceFactor: number;
  weightFactor: number;
}

interface Family {
  code: string;
  category: string;
  noun: string;
  gender: Gender;
  models: readonly string[];
  /** Colourways each model comes in (2–4 of these per model); empty when colour is not a style. */
  colours: readonly ColourName[];
  variants: readonly Variant[];
  /** Word before the variant in the name ("talle 42", "cuadro M"); empty for none. */
  variantWord: string;
  /** ARS range of a model's base price, and grams range of its base weight. */
  price: readonly [number, number];
  weight: readonly [number, number];
  /** Relative share of the catalog's SKUs. */
  share: number;
}

const v = (label: string, code: string, priceFactor = 1, weightFactor = priceFactor): Variant => ({
  label,
  code,
  priceFactor,
  weightFactor,
});
/** Plain sizes, each a little heavier than the last (shoes, garments). */
const sizes = (labels: string, step = 0.02): Variant[] =>
  labels.split(' ').map((s, i) => v(s, s.replace(/[^A-Z0-9]/gi, '').toUpperCase(), 1, 1 + i * step));
/** Colours as the variant axis, agreeing with the noun. */
const colourVariants = (gender: Gender, names: readonly ColourName[]): Variant[] =>
  names.map((n) => v(COLOURS[n].forms[GENDER_FORM[gender]], n.slice(0, 3).toUpperCase()));
const BED = [v('1 plaza', '1P', 0.75), v('1½ plazas', '15P', 0.85), v('2 plazas', '2P'), v('Queen', 'QN', 1.2), v('King', 'KG', 1.4)];
const LETTER = 'XS S M L XL XXL';

const FAMILIES: readonly Family[] = [
  // Calzado
  {
    code: 'CAL-RUN',
    category: 'Calzado',
    noun: 'Zapatilla running',
    gender: 'f',
    models: [
      'Aurora',
      'Pampa',
      'Andes',
      'Viento',
      'Cóndor',
      'Delta',
      'Aconcagua',
      'Tandil',
      'Iguazú',
      'Lanín',
      'Fitz Roy',
      'Talampaya',
      'Maipú',
      'Famatina',
    ],
    colours: ['negro', 'blanco', 'gris', 'azul', 'rojo', 'verde'],
    variants: sizes('35 36 37 38 39 40 41 42 43 44 45'),
    variantWord: 'talle',
    price: [95_000, 280_000],
    weight: [600, 800],
    share: 7,
  },
  {
    code: 'CAL-URB',
    category: 'Calzado',
    noun: 'Zapatilla urbana',
    gender: 'f',
    models: ['Palermo', 'Boedo', 'Núñez', 'Abasto', 'San Telmo', 'Saavedra', 'Almagro', 'Chacarita', 'Villa Crespo', 'Barracas'],
    colours: ['negro', 'blanco', 'beige', 'azul', 'bordo', 'verde'],
    variants: sizes('35 36 37 38 39 40 41 42 43 44'),
    variantWord: 'talle',
    price: [70_000, 190_000],
    weight: [550, 750],
    share: 6,
  },
  {
    code: 'CAL-BOR',
    category: 'Calzado',
    noun: 'Borcego de cuero',
    gender: 'm',
    models: ['Patagonia', 'Chaltén', 'Calafate', 'Esquel', 'Tolhuin', 'Trevelin'],
    colours: ['negro', 'marron', 'suela'],
    variants: sizes('35 36 37 38 39 40 41 42 43 44 45'),
    variantWord: 'talle',
    price: [130_000, 320_000],
    weight: [1000, 1300],
    share: 3,
  },
  {
    code: 'CAL-SAN',
    category: 'Calzado',
    noun: 'Sandalia',
    gender: 'f',
    models: ['Cariló', 'Pinamar', 'Gesell', 'Necochea', 'Miramar', 'Mar de las Pampas', 'Valeria'],
    colours: ['negro', 'blanco', 'natural', 'dorado', 'rosa'],
    variants: sizes('35 36 37 38 39 40 41'),
    variantWord: 'talle',
    price: [35_000, 95_000],
    weight: [300, 450],
    share: 3,
  },
  {
    code: 'CAL-OJO',
    category: 'Calzado',
    noun: 'Ojota',
    gender: 'f',
    models: ['Playa', 'Confort', 'Deportiva', 'Slide'],
    colours: ['negro', 'blanco', 'azul', 'rosa', 'verde'],
    variants: sizes('35 36 37 38 39 40 41 42 43 44'),
    variantWord: 'talle',
    price: [16_000, 38_000],
    weight: [180, 260],
    share: 1.5,
  },
  {
    code: 'CAL-MOC',
    category: 'Calzado',
    noun: 'Mocasín de cuero',
    gender: 'm',
    models: ['Recoleta', 'San Isidro', 'Belgrano', 'Retiro', 'Montserrat'],
    colours: ['negro', 'marron', 'azul', 'suela'],
    variants: sizes('39 40 41 42 43 44 45'),
    variantWord: 'talle',
    price: [110_000, 240_000],
    weight: [700, 900],
    share: 1.5,
  },
  // Indumentaria
  {
    code: 'IND-REM',
    category: 'Indumentaria',
    noun: 'Remera',
    gender: 'f',
    models: [
      'Básica',
      'Estampada Andes',
      'Estampada Tango',
      'Estampada Fileteado',
      'Oversize',
      'Rayada',
      'Cuello V',
      'Manga larga',
      'Henley',
      'Pima',
      'Boxy',
      'Térmica',
      'Deportiva Dry',
      'Bordada',
      'Slim',
    ],
    colours: ['negro', 'blanco', 'gris', 'azul', 'verde', 'bordo', 'celeste', 'beige'],
    variants: sizes(LETTER),
    variantWord: 'talle',
    price: [18_000, 45_000],
    weight: [160, 230],
    share: 8,
  },
  {
    code: 'IND-CAM',
    category: 'Indumentaria',
    noun: 'Camisa',
    gender: 'f',
    models: ['Oxford', 'Lino', 'Leñadora', 'Denim', 'Poplín', 'Mao', 'Gabardina', 'Rayada', 'Manga corta', 'Corderoy'],
    colours: ['blanco', 'celeste', 'azul', 'negro', 'beige', 'verde'],
    variants: sizes('S M L XL XXL'),
    variantWord: 'talle',
    price: [45_000, 110_000],
    weight: [250, 340],
    share: 5,
  },
  {
    code: 'IND-BUZ',
    category: 'Indumentaria',
    noun: 'Buzo',
    gender: 'm',
    models: [
      'Canguro de frisa',
      'Cuello redondo',
      'Media cierre',
      'Polar',
      'College',
      'Oversize',
      'Rústico',
      'Estampado Andes',
      'Con cierre',
    ],
    colours: ['negro', 'gris', 'azul', 'verde', 'bordo', 'beige'],
    variants: sizes(LETTER),
    variantWord: 'talle',
    price: [55_000, 140_000],
    weight: [450, 650],
    share: 5,
  },
  {
    code: 'IND-CPR',
    category: 'Indumentaria',
    noun: 'Campera',
    gender: 'f',
    models: [
      'Inflable Bariloche',
      'Rompevientos Sur',
      'Polar Chaltén',
      'Softshell Lanín',
      'Parka Calafate',
      'De jean',
      'Ecocuero',
      'Bomber',
      'Impermeable Ushuaia',
      'Corderoy',
    ],
    colours: ['negro', 'azul', 'verde', 'gris', 'bordo', 'beige'],
    variants: sizes('S M L XL XXL'),
    variantWord: 'talle',
    price: [95_000, 380_000],
    weight: [450, 1200],
    share: 5,
  },
  {
    code: 'IND-JEA',
    category: 'Indumentaria',
    noun: 'Jean',
    gender: 'm',
    models: ['Recto', 'Chupín', 'Mom', 'Cargo', 'Wide leg', 'Bootcut', 'Slim', 'Baggy', 'Tiro alto', 'Regular'],
    colours: ['azul', 'celeste', 'negro', 'gris'],
    variants: sizes('34 36 38 40 42 44 46 48'),
    variantWord: 'talle',
    price: [48_000, 120_000],
    weight: [500, 650],
    share: 6,
  },
  {
    code: 'IND-JOG',
    category: 'Indumentaria',
    noun: 'Pantalón jogging',
    gender: 'm',
    models: ['Frisa', 'Rústico', 'Deportivo', 'Cargo', 'Chupín', 'Recto'],
    colours: ['negro', 'gris', 'azul', 'verde'],
    variants: sizes(LETTER),
    variantWord: 'talle',
    price: [35_000, 85_000],
    weight: [350, 500],
    share: 3,
  },
  {
    code: 'IND-VES',
    category: 'Indumentaria',
    noun: 'Vestido',
    gender: 'm',
    models: ['Midi', 'Largo', 'Camisero', 'Tejido', 'Lino', 'Solero', 'Cruzado', 'Estampado floral', 'Satinado', 'Corto'],
    colours: ['negro', 'blanco', 'rojo', 'verde', 'azul', 'rosa', 'beige'],
    variants: sizes('XS S M L XL'),
    variantWord: 'talle',
    price: [55_000, 150_000],
    weight: [250, 450],
    share: 3,
  },
  {
    code: 'IND-MED',
    category: 'Indumentaria',
    noun: 'Pack de medias x3',
    gender: 'm',
    models: ['Soquete', 'Deportivas', 'Largas', 'Térmicas'],
    colours: ['negro', 'blanco', 'gris'],
    variants: [v('35-38', '3538'), v('39-42', '3942', 1, 1.05), v('43-46', '4346', 1, 1.1)],
    variantWord: 'talle',
    price: [15_000, 29_000],
    weight: [120, 180],
    share: 2,
  },
  {
    code: 'IND-CHO',
    category: 'Indumentaria',
    noun: 'Chomba de piqué',
    gender: 'f',
    models: ['Clásica', 'Rayada', 'Manga larga', 'Slim', 'Con bolsillo', 'Bicolor'],
    colours: ['blanco', 'azul', 'negro', 'verde', 'bordo', 'celeste', 'gris'],
    variants: sizes('S M L XL XXL'),
    variantWord: 'talle',
    price: [38_000, 85_000],
    weight: [220, 300],
    share: 3,
  },
  {
    code: 'IND-SWE',
    category: 'Indumentaria',
    noun: 'Sweater',
    gender: 'm',
    models: ['Trenzado', 'Cuello alto', 'Escote V', 'Lana merino', 'Oversize', 'Cardigan'],
    colours: ['beige', 'gris', 'negro', 'azul', 'verde', 'bordo', 'marron'],
    variants: sizes('XS S M L XL'),
    variantWord: 'talle',
    price: [55_000, 150_000],
    weight: [380, 600],
    share: 3,
  },
  {
    code: 'IND-BER',
    category: 'Indumentaria',
    noun: 'Bermuda',
    gender: 'f',
    models: ['Cargo', 'Gabardina', 'De jean', 'Deportiva', 'De baño', 'Lino'],
    colours: ['beige', 'azul', 'negro', 'verde', 'gris'],
    variants: sizes('38 40 42 44 46 48'),
    variantWord: 'talle',
    price: [32_000, 75_000],
    weight: [250, 420],
    share: 2.5,
  },
  {
    code: 'IND-CAL',
    category: 'Indumentaria',
    noun: 'Calza deportiva',
    gender: 'f',
    models: ['Larga', 'Ciclista', 'Tiro alto', 'Térmica', 'Estampada'],
    colours: ['negro', 'gris', 'azul', 'violeta', 'verde', 'bordo'],
    variants: sizes('XS S M L XL'),
    variantWord: 'talle',
    price: [28_000, 65_000],
    weight: [180, 260],
    share: 2.5,
  },
  {
    code: 'ACC-MOC',
    category: 'Accesorios',
    noun: 'Mochila',
    gender: 'f',
    models: ['Urbana 20 L', 'Notebook 15"', 'Trekking 40 L', 'Escolar', 'Antirrobo'],
    colours: [],
    variants: colourVariants('f', ['negro', 'gris', 'azul', 'verde', 'bordo']),
    variantWord: '',
    price: [45_000, 160_000],
    weight: [500, 1300],
    share: 2,
  },
  // Hogar
  {
    code: 'HOG-SAB',
    category: 'Hogar',
    noun: 'Juego de sábanas',
    gender: 'm',
    models: ['Percal 180 hilos', 'Algodón 300 hilos', 'Microfibra', 'Lino lavado', 'Franela'],
    colours: ['blanco', 'gris', 'beige', 'celeste', 'azul'],
    variants: BED,
    variantWord: '',
    price: [38_000, 120_000],
    weight: [900, 1400],
    share: 4,
  },
  {
    code: 'HOG-ACO',
    category: 'Hogar',
    noun: 'Acolchado',
    gender: 'm',
    models: ['Reversible', 'Pluma sintética', 'Matelaseado', 'Nórdico'],
    colours: ['blanco', 'gris', 'beige', 'azul'],
    variants: BED,
    variantWord: '',
    price: [85_000, 220_000],
    weight: [1800, 3200],
    share: 2,
  },
  {
    code: 'HOG-TOA',
    category: 'Hogar',
    noun: 'Juego de toalla y toallón',
    gender: 'm',
    models: ['Algodón 450 g', 'Algodón 600 g', 'Rizo peinado', 'Microfibra'],
    colours: [],
    variants: colourVariants('m', ['blanco', 'gris', 'beige', 'azul', 'verde', 'bordo', 'celeste']),
    variantWord: '',
    price: [25_000, 70_000],
    weight: [700, 1200],
    share: 2,
  },
  {
    code: 'HOG-OLL',
    category: 'Hogar',
    noun: 'Olla',
    gender: 'f',
    models: ['Acero quirúrgico', 'Cerámica Andina', 'Hierro fundido Criolla', 'Antiadherente Chef'],
    colours: ['negro', 'rojo', 'gris', 'verde'],
    variants: [v('16 cm', '16', 0.7), v('20 cm', '20', 0.85), v('24 cm', '24'), v('28 cm', '28', 1.2, 1.3)],
    variantWord: '',
    price: [29_000, 130_000],
    weight: [1200, 3000],
    share: 2,
  },
  {
    code: 'HOG-SAR',
    category: 'Hogar',
    noun: 'Sartén',
    gender: 'f',
    models: ['Antiadherente', 'De hierro', 'Cerámica', 'Wok'],
    colours: ['negro', 'gris', 'rojo'],
    variants: [v('20 cm', '20', 0.8), v('24 cm', '24'), v('28 cm', '28', 1.2)],
    variantWord: '',
    price: [22_000, 95_000],
    weight: [700, 2200],
    share: 1.5,
  },
  {
    code: 'HOG-MAT',
    category: 'Hogar',
    noun: 'Mate',
    gender: 'm',
    models: ['Imperial', 'Torpedo', 'Camionero', 'Listo'],
    colours: [],
    variants: [
      v('de calabaza con virola de alpaca', 'CALALP', 1.4),
      v('de calabaza', 'CAL', 1, 0.9),
      v('de algarrobo', 'ALG', 0.8),
      v('de acero inoxidable', 'ACE', 0.9, 1.2),
      v('forrado en cuero', 'CUE', 1.1),
    ],
    variantWord: '',
    price: [15_000, 60_000],
    weight: [200, 350],
    share: 1.5,
  },
  {
    code: 'HOG-TER',
    category: 'Hogar',
    noun: 'Termo de acero',
    gender: 'm',
    models: ['Gaucho', 'Patagón', 'Matero', 'Cebador', 'Pico cebador'],
    colours: ['negro', 'verde', 'gris', 'azul', 'rojo', 'blanco'],
    variants: [v('1 L', '1L'), v('1,2 L', '12L', 1.15, 1.1)],
    variantWord: '',
    price: [35_000, 95_000],
    weight: [550, 750],
    share: 1.5,
  },
  {
    code: 'HOG-ALM',
    category: 'Hogar',
    noun: 'Almohada',
    gender: 'f',
    models: ['Viscoelástica', 'Fibra siliconada', 'Pluma sintética', 'Cervical', 'Hotelera', 'Firme'],
    colours: [],
    variants: [v('50 x 70 cm', '5070'), v('60 x 90 cm', '6090', 1.3, 1.4)],
    variantWord: '',
    price: [18_000, 75_000],
    weight: [700, 1300],
    share: 0.7,
  },
  {
    code: 'HOG-LAM',
    category: 'Hogar',
    noun: 'Lámpara de mesa',
    gender: 'f',
    models: ['Nórdica', 'Industrial', 'Ratán', 'Hongo', 'Articulada'],
    colours: [],
    variants: colourVariants('f', ['negro', 'blanco', 'natural', 'dorado']),
    variantWord: '',
    price: [29_000, 120_000],
    weight: [800, 2500],
    share: 1,
  },
  {
    code: 'HOG-VAJ',
    category: 'Hogar',
    noun: 'Vajilla 18 piezas',
    gender: 'f',
    models: ['Porcelana', 'Gres rústico', 'Cerámica esmaltada', 'Bistró'],
    colours: [],
    variants: colourVariants('f', ['blanco', 'gris', 'verde', 'azul', 'beige']),
    variantWord: '',
    price: [60_000, 220_000],
    weight: [5500, 8000],
    share: 1,
  },
  // Electrónica y electrohogar
  {
    code: 'ELE-CEL',
    category: 'Electrónica',
    noun: 'Smartphone',
    gender: 'm',
    models: ['A15', 'A25', 'A35', 'A55', 'Nova 12', 'Edge 50', 'G85', 'X6 Pro', 'Note 13'],
    colours: ['negro', 'azul', 'verde', 'plateado'],
    variants: [v('128 GB', '128'), v('256 GB', '256', 1.18, 1), v('512 GB', '512', 1.4, 1)],
    variantWord: '',
    price: [380_000, 1_050_000],
    weight: [180, 230],
    share: 2.5,
  },
  {
    code: 'ELE-TEL',
    category: 'Electrónica',
    noun: 'Smart TV',
    gender: 'm',
    models: ['HD Serie 3', 'Full HD Serie 5', 'UHD 4K Serie 6', 'UHD 4K Serie 7', 'QLED Serie 8', 'Mini LED Serie 9'],
    colours: [],
    variants: [v('32"', '32', 0.5, 0.35), v('43"', '43', 0.68, 0.55), v('50"', '50', 0.85, 0.8), v('55"', '55'), v('65"', '65', 1.35, 1.4)],
    variantWord: '',
    price: [420_000, 1_100_000],
    weight: [13_000, 17_000],
    share: 1,
  },
  {
    code: 'ELE-NOT',
    category: 'Electrónica',
    noun: 'Notebook',
    gender: 'f',
    models: ['Air 13', 'Ultra 14', 'Office 15', 'Pro 15', 'Gamer 16'],
    colours: ['gris', 'plateado', 'negro'],
    variants: [v('8 GB / 256 GB SSD', '8G256'), v('16 GB / 512 GB SSD', '16G512', 1.22, 1), v('32 GB / 1 TB SSD', '32G1T', 1.45, 1.02)],
    variantWord: '',
    price: [650_000, 1_000_000],
    weight: [1300, 2400],
    share: 1.5,
  },
  {
    code: 'ELE-AUR',
    category: 'Electrónica',
    noun: 'Auriculares inalámbricos',
    gender: 'mp',
    models: ['Bass 200', 'Sport X', 'ANC Pro', 'Buds Lite', 'Over-ear 700', 'Gamer 5'],
    colours: [],
    variants: colourVariants('mp', ['negro', 'blanco', 'azul', 'rosa', 'verde']),
    variantWord: '',
    price: [35_000, 320_000],
    weight: [50, 320],
    share: 2,
  },
  {
    code: 'ELE-PAR',
    category: 'Electrónica',
    noun: 'Parlante bluetooth',
    gender: 'm',
    models: ['Mini', 'Go 4', 'Party 300', 'Xtreme', 'Boombox', 'Flip 6'],
    colours: [],
    variants: colourVariants('m', ['negro', 'rojo', 'azul', 'gris', 'verde']),
    variantWord: '',
    price: [28_000, 450_000],
    weight: [300, 5500],
    share: 1.5,
  },
  {
    code: 'ELE-RLJ',
    category: 'Electrónica',
    noun: 'Reloj inteligente',
    gender: 'm',
    models: ['Fit 3', 'Active 2', 'Pro 6', 'Kids', 'Outdoor'],
    colours: ['negro', 'plateado', 'rosa', 'azul'],
    variants: [v('41 mm', '41'), v('45 mm', '45', 1.1, 1.15)],
    variantWord: '',
    price: [60_000, 450_000],
    weight: [40, 70],
    share: 1,
  },
  {
    code: 'ELE-PAV',
    category: 'Electrohogar',
    noun: 'Pava eléctrica',
    gender: 'f',
    models: ['Matera corte 80°', 'Acero', 'Vidrio', 'Digital'],
    colours: [],
    variants: colourVariants('f', ['negro', 'blanco', 'rojo', 'plateado', 'verde']),
    variantWord: '',
    price: [35_000, 90_000],
    weight: [900, 1400],
    share: 1,
  },
  {
    code: 'ELE-FRE',
    category: 'Electrohogar',
    noun: 'Freidora de aire',
    gender: 'f',
    models: ['Compacta 3,5 L', 'Familiar 5,5 L', 'Digital 6 L', 'Doble canasta 9 L'],
    colours: [],
    variants: colourVariants('f', ['negro', 'blanco', 'gris']),
    variantWord: '',
    price: [95_000, 260_000],
    weight: [3500, 6500],
    share: 1,
  },
  // Deportes
  {
    code: 'DEP-BIC',
    category: 'Deportes',
    noun: 'Bicicleta',
    gender: 'f',
    models: ['MTB rodado 29', 'Urbana rodado 26', 'Plegable rodado 20', 'Ruta 700', 'Gravel 700'],
    colours: ['negro', 'rojo', 'azul', 'verde', 'blanco'],
    variants: [v('S', 'S', 1, 0.97), v('M', 'M'), v('L', 'L', 1, 1.03)],
    variantWord: 'cuadro',
    price: [380_000, 1_200_000],
    weight: [10_000, 16_000],
    share: 1.5,
  },
  {
    code: 'DEP-PEL',
    category: 'Deportes',
    noun: 'Pelota de fútbol',
    gender: 'f',
    models: ['Match', 'Training', 'Futsal', 'Playa'],
    colours: ['blanco', 'amarillo', 'naranja', 'celeste'],
    variants: [v('N°3', 'N3', 0.85, 0.8), v('N°4', 'N4', 0.92, 0.9), v('N°5', 'N5')],
    variantWord: '',
    price: [22_000, 120_000],
    weight: [400, 450],
    share: 1,
  },
  {
    code: 'DEP-YOG',
    category: 'Deportes',
    noun: 'Colchoneta de yoga',
    gender: 'f',
    models: ['Eco', 'Pro', 'Viaje', 'Antideslizante'],
    colours: ['violeta', 'verde', 'azul', 'negro', 'rosa'],
    variants: [v('4 mm', '4MM', 0.85, 0.7), v('6 mm', '6MM'), v('8 mm', '8MM', 1.2, 1.35)],
    variantWord: '',
    price: [18_000, 60_000],
    weight: [900, 1500],
    share: 1,
  },
  {
    code: 'DEP-MAN',
    category: 'Deportes',
    noun: 'Par de mancuernas',
    gender: 'm',
    models: ['Hexagonales', 'Cromadas', 'Con neoprene', 'Regulables'],
    colours: [],
    variants: [
      v('2 kg', '2KG', 0.5, 0.5),
      v('4 kg', '4KG', 0.8, 1),
      v('6 kg', '6KG', 1.05, 1.5),
      v('8 kg', '8KG', 1.3, 2),
      v('10 kg', '10KG', 1.55, 2.5),
    ],
    variantWord: '',
    price: [30_000, 60_000],
    weight: [7800, 8200],
    share: 1,
  },
  // Belleza
  {
    code: 'BEL-PER',
    category: 'Belleza',
    noun: 'Perfume',
    gender: 'm',
    models: ['Nocturno', 'Brisa Atlántica', 'Malbec', 'Azahar', 'Cedro', 'Jazmín del País', 'Lavanda', 'Vetiver', 'Rosa Mosqueta'],
    colours: [],
    variants: [
      v('eau de toilette 50 ml', 'EDT50', 0.7, 0.75),
      v('eau de toilette 100 ml', 'EDT100', 1.1, 1.3),
      v('eau de parfum 50 ml', 'EDP50', 1, 0.75),
      v('eau de parfum 100 ml', 'EDP100', 1.55, 1.3),
    ],
    variantWord: '',
    price: [48_000, 140_000],
    weight: [260, 320],
    share: 2,
  },
  {
    code: 'BEL-CRE',
    category: 'Belleza',
    noun: 'Crema facial',
    gender: 'f',
    models: ['Hidratante', 'Antiage', 'Con ácido hialurónico', 'Con vitamina C', 'Protector FPS 50', 'Noche reparadora'],
    colours: [],
    variants: [v('50 ml', '50ML'), v('100 ml', '100ML', 1.6, 1.7)],
    variantWord: '',
    price: [16_000, 55_000],
    weight: [90, 130],
    share: 1.5,
  },
  {
    code: 'BEL-SEC',
    category: 'Belleza',
    noun: 'Secador de pelo',
    gender: 'm',
    models: ['Ionic 2200 W', 'Compacto de viaje', 'Pro 2400 W', 'Difusor rizos'],
    colours: [],
    variants: colourVariants('m', ['negro', 'rosa', 'blanco']),
    variantWord: '',
    price: [45_000, 180_000],
    weight: [450, 800],
    share: 0.6,
  },
];

/** Later generations of a model when a family runs out of first ones (only for very large catalogs). */
const GENERATIONS = ['', ' II', ' III', ' IV', ' V', ' VI', ' VII', ' VIII', ' IX', ' X'];

/** Two-character style codes: 01–99, then A0–Z9 (fixed width so SKUs sort the same everywhere). */
function styleCode(n: number): string {
  if (n < 100) return String(n).padStart(2, '0');
  const k = n - 100;
  if (k >= 26 * 36) throw new RangeError('demo catalog: too many styles in one family');
  return String.fromCharCode(65 + Math.floor(k / 36)) + (k % 36).toString(36).toUpperCase();
}

/** Retail price endings: $ 24.499, $ 89.999, $ 1.249.999. */
function retailPrice(p: number): number {
  const step = p < 50_000 ? 500 : p < 500_000 ? 1_000 : 10_000;
  return Math.max(step, Math.ceil(p / step) * step) - 1;
}

interface Style {
  number: number;
  /** 0 for a model's first generation; later ones ("Aurora II") only once every family ran out. */
  generation: number;
  model: string;
  colour: Colour | undefined;
  basePrice: number;
  baseWeight: number;
}

/** A family's styles in order: each model in its 2–4 colourways (or once, if colour is a variant). */
function* stylesOf(f: Family, rng: () => number): Generator<Style, void> {
  let number = 1;
  for (let generation = 0; generation < GENERATIONS.length; generation++) {
    for (const m of f.models) {
      const model = m + GENERATIONS[generation]!;
      // Log-uniform base price: many affordable models, a few premium ones.
      const basePrice = Math.exp(Math.log(f.price[0]) + rng() * (Math.log(f.price[1]) - Math.log(f.price[0])));
      const baseWeight = f.weight[0] + rng() * (f.weight[1] - f.weight[0]);
      if (f.colours.length === 0) {
        yield { number: number++, generation, model, colour: undefined, basePrice, baseWeight };
        continue;
      }
      const ways = Math.min(f.colours.length, intBetween(rng, 2, 4));
      const pool = [...f.colours];
      for (let i = 0; i < ways; i++) {
        const [name] = pool.splice(Math.floor(rng() * pool.length), 1);
        yield { number: number++, generation, model, colour: COLOURS[name!], basePrice, baseWeight };
      }
    }
  }
}

/**
 * A deterministic demo catalog of `count` SKUs. Families get shares of the catalog (fashion-heavy,
 * as an Argentine omnichannel retailer's), filled with whole styles (all sizes of a model in a
 * colourway) so the assortment looks real. The result is sorted by SKU (plain ASCII codes of fixed
 * segment widths, so a database sorts them the same way): the index of a product is its rank in
 * `ORDER BY sku`, which is what {@link skuPopularity} and {@link demoStockLevel} take.
 */
export function generateCatalog(seed: number, count = 3000): DemoProduct[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`demo catalog: count must be a non-negative integer, got ${count}`);
  const rng = createRng(seed);
  const state = FAMILIES.map((f) => {
    const styles = stylesOf(f, createRng(seed ^ hashString(f.code)));
    return { f, styles, pending: styles.next().value, made: 0 };
  });
  const out: DemoProduct[] = [];
  let generation = 0;
  while (out.length < count) {
    // Of the families with a style of the current generation left, the one furthest behind its share.
    let next: (typeof state)[number] | undefined;
    for (const s of state) {
      if (s.pending && s.pending.generation <= generation && (!next || s.made / s.f.share < next.made / next.f.share)) next = s;
    }
    if (!next) {
      if (!state.some((s) => s.pending))
        throw new RangeError(`demo catalog: at most ${out.length} SKUs can be generated (asked for ${count})`);
      generation++;
      continue;
    }
    const { f, pending: style } = next;
    if (!style) continue;
    const colourWord = style.colour ? ` ${style.colour.forms[GENDER_FORM[f.gender]]}` : '';
    for (const variant of f.variants) {
      out.push({
        sku: `${f.code}-${styleCode(style.number)}-${variant.code}`,
        name: `${f.noun} ${style.model}${colourWord} ${f.variantWord ? `${f.variantWord} ` : ''}${variant.label}`,
        category: f.category,
        weightGrams: Math.max(1, Math.round(style.baseWeight * variant.weightFactor * (0.98 + rng() * 0.04))),
        price: retailPrice(style.basePrice * variant.priceFactor),
      });
    }
    next.made += f.variants.length;
    next.pending = next.styles.next().value ?? undefined;
  }
  out.length = count;
  return out.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/** The share of the catalog that counts as fast-moving (what dark stores carry). */
export const FAST_MOVER_SHARE = 0.25;
const POPULARITY_RANKS = 3000;
const POPULARITY_EXPONENT = 0.9;

/** Where the SKU at `index` falls in the demand ranking, as a quantile in [0, 1): 0 = best seller. */
export function skuDemandQuantile(index: number): number {
  return hashInt(index ^ 0x5bd1e995) / 4294967296;
}

/**
 * Zipf-like demand weight of the SKU at `index` (its position in the catalog sorted by SKU): the
 * ranking is scattered over the catalog, not tied to its order, and the weights follow
 * 1 / rank^0.9 — about 10% of the SKUs make 60% of the demand, a quarter of them three quarters.
 */
export function skuPopularity(index: number): number {
  return 1 / Math.pow(1 + skuDemandQuantile(index) * POPULARITY_RANKS, POPULARITY_EXPONENT);
}

/** Whether the SKU at `index` is among the fast movers (the top quarter of demand). */
export function isFastMover(index: number): boolean {
  return skuDemandQuantile(index) < FAST_MOVER_SHARE;
}

/**
 * Demo on-hand stock of the catalog's SKU number `skuIndex` at a location, or null when the
 * location does not carry it. DCs carry nearly everything in depth (50–400); stores about 60% of
 * the catalog, shallow (0–12, some at zero), leaning to what sells; dark stores the fast movers
 * (5–40). `locationId` gives each location its own assortment (same id → same stock).
 */
export function demoStockLevel(seed: number, kind: LocationKind, skuIndex: number, locationId = ''): number | null {
  const rng = createRng(seed ^ hashString(locationId) ^ hashInt(skuIndex));
  const carried = rng();
  const q = skuDemandQuantile(skuIndex);
  const demand = 1 - q; // 1 = best seller, 0 = slowest
  switch (kind) {
    case 'dc':
      return carried < 0.97 ? Math.min(400, 50 + Math.floor(350 * (0.5 * rng() + 0.5 * demand))) : null;
    case 'store': {
      if (carried >= 0.42 + 0.36 * demand) return null;
      if (rng() < 0.1) return 0;
      return 1 + Math.floor(rng() * (4 + 8 * demand));
    }
    case 'dark_store': {
      if (q < FAST_MOVER_SHARE) {
        if (carried >= 0.93) return null;
        return Math.min(40, 5 + Math.floor(35 * (0.4 * rng() + 0.6 * (1 - q / FAST_MOVER_SHARE))));
      }
      return carried < 0.02 ? 5 + Math.floor(rng() * 6) : null;
    }
  }
}
