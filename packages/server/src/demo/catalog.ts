/**
 * The demo shop's catalogue: categories with believable products, sizes and unit costs, the
 * supplier each is bought from and, for expiry-tracked goods, how long a batch keeps.
 */
export const DEMO_CATEGORIES = [
  {
    name: '食品 Food/饮料 Beverages',
    prefix: 'BEV',
    supplier: 'SUP-KO',
    shelfLifeDays: 0,
    unit: 'bottle',
    expiry: false,
    products: [
      '可乐 Cola',
      '雪碧 Sprite',
      '矿泉水 Mineral water',
      '绿茶 Green tea',
      '橙汁 Orange juice',
      '苏打水 Soda water',
      '咖啡 Iced coffee',
      '酸梅汤 Plum drink',
    ],
    sizes: ['330ml', '500ml', '1.25L', '2L', '6x330ml'],
    cost: [1.2, 9],
  },
  {
    name: '食品 Food/零食 Snacks',
    prefix: 'SNK',
    supplier: 'SUP-QQ',
    shelfLifeDays: 0,
    unit: 'bag',
    expiry: false,
    products: [
      '薯片 Potato chips',
      '坚果 Mixed nuts',
      '饼干 Crackers',
      '巧克力 Chocolate',
      '牛肉干 Beef jerky',
      '海苔 Seaweed',
      '瓜子 Sunflower seeds',
      '果冻 Jelly',
    ],
    sizes: ['50g', '100g', '200g', '500g', 'Gift box'],
    cost: [2.5, 45],
  },
  {
    name: '食品 Food/乳制品 Dairy',
    prefix: 'DRY',
    supplier: 'SUP-YL',
    shelfLifeDays: 150,
    unit: 'carton',
    expiry: true,
    products: [
      '纯牛奶 Whole milk',
      '酸奶 Yogurt',
      '奶酪 Cheese',
      '黄油 Butter',
      '豆奶 Soy milk',
      '奶粉 Milk powder',
    ],
    sizes: ['250ml', '1L', '200g', '400g', '900g'],
    cost: [3, 120],
  },
  {
    name: '日化 Home care/日用品 Household',
    prefix: 'HSH',
    supplier: 'SUP-LB',
    shelfLifeDays: 0,
    unit: 'pcs',
    expiry: false,
    products: [
      '纸巾 Tissues',
      '洗衣液 Laundry liquid',
      '垃圾袋 Bin bags',
      '洗洁精 Dish soap',
      '保鲜膜 Cling film',
      '电池 Batteries',
      '拖把 Mop',
      '收纳盒 Storage box',
    ],
    sizes: ['S', 'M', 'L', 'Family pack', 'Refill'],
    cost: [4, 60],
  },
  {
    name: '日化 Home care/个护 Personal care',
    prefix: 'PRC',
    supplier: 'SUP-SH',
    shelfLifeDays: 720,
    unit: 'pcs',
    expiry: true,
    products: [
      '洗发水 Shampoo',
      '牙膏 Toothpaste',
      '沐浴露 Shower gel',
      '面霜 Face cream',
      '防晒霜 Sunscreen',
      '洗手液 Hand wash',
    ],
    sizes: ['50ml', '200ml', '400ml', '750ml', 'Travel set'],
    cost: [6, 150],
  },
] as const;

/** Warehouses and the store of the demo shop. */
export const DEMO_WAREHOUSES = [
  { code: 'SH', name: '华东仓 Shanghai', region: '华东 East China', kind: 'warehouse' as const },
  { code: 'GZ', name: '华南仓 Guangzhou', region: '华南 South China', kind: 'warehouse' as const },
  { code: 'BJ', name: '华北仓 Beijing', region: '华北 North China', kind: 'warehouse' as const },
  { code: 'SH-STORE-01', name: '静安门店 Jing’an store', region: '华东 East China', kind: 'store' as const },
];

/** Who the demo shop buys from; each supplies one category. */
export const DEMO_SUPPLIERS = [
  { code: 'SUP-KO', name: '可口饮料供应链 Coca Supply Co.', contact: '王经理', phone: '021-5555-0101' },
  { code: 'SUP-YL', name: '伊利乳业 Yili Dairy', contact: '李女士', phone: '0471-555-0102' },
  { code: 'SUP-QQ', name: '洽洽食品 Qiaqia Foods', contact: '张先生', phone: '0551-555-0103' },
  { code: 'SUP-LB', name: '立白日化 Liby Household', contact: '陈经理', phone: '020-5555-0104' },
  { code: 'SUP-SH', name: '上海家化 Shanghai Jahwa', contact: '周女士', phone: '021-5555-0105' },
];

/** Who the demo shop sells to: the platforms it sells on, walk-ins and two wholesale buyers. */
export const DEMO_CUSTOMERS = [
  { code: 'CUS-TMALL', name: '天猫旗舰店 Tmall flagship' },
  { code: 'CUS-JD', name: '京东自营 JD.com' },
  { code: 'CUS-PDD', name: '拼多多店铺 Pinduoduo shop' },
  { code: 'CUS-SHOPIFY', name: 'Shopify overseas store' },
  { code: 'CUS-WALKIN', name: '门店散客 Walk-in customers' },
  { code: 'CUS-HEMA', name: '盒马鲜生 Hema (wholesale)' },
  { code: 'CUS-WUMART', name: '物美超市 Wumart (wholesale)' },
  { code: 'CUS-FAMILYMART', name: '全家便利店 FamilyMart (wholesale)' },
];
