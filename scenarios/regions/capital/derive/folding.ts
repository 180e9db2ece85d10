/**
 * How census units that are not counties are folded into counties, and the units whose territory
 * changed after the reference boundaries were drawn. Rule for folding: the county that holds the
 * zone's administrative committee or, failing a source for that, the county its townships came
 * from (NBS township codes); where a zone straddles counties, `basis` names the others.
 * Sources are cited in SOURCES.md under "Development zones".
 */
export interface FoldingRule { host: string; basis: string }

export const DEVELOPMENT_ZONE_HOSTS: Record<string, FoldingRule> = {
  '130171': { host: '130108', basis: 'Songying town, part of Yuhua District, is administered by the zone; also touches Chang\'an District.' },
  '130172': { host: '130109', basis: 'Its only township, Qiutou, belongs to Gaocheng District.' },
  '130271': { host: '130207', basis: 'Hebei enclave inside Tianjin Ninghe District; folded into the nearest Tangshan county, Fengnan (nearest-county choice).' },
  '130272': { host: '130207', basis: 'Hebei management area inside/next to Tianjin Ninghe District; folded into the nearest Tangshan county, Fengnan (nearest-county choice).' },
  '130273': { host: '130203', basis: 'Administrative committee and original core in Lubei District; much of its land came from Fengrun and some from Kaiping.' },
  '130274': { host: '130225', basis: 'Wangtan town and the port area are Laoting County land.' },
  '130371': { host: '130302', basis: 'Urban streets in Haigang District; western parts touch Funing and Beidaihe.' },
  '130372': { host: '130322', basis: 'Dapuhe and Tuanlin, most of its coast, are Changli County land; Nandaihe and Liushouying are Funing.' },
  '130471': { host: '130403', basis: 'Its towns were assigned to Congtai District in the 2016 Handan reorganisation.' },
  '130473': { host: '130402', basis: 'Most of its towns were assigned to Hanshan District in 2016 (Lintan and Nancheng to Fuxing).' },
  '130571': { host: '130502', basis: 'Dongwang and Wangkuai towns, which the zone administers, belong to Xiangdu District since 2020.' },
  '130671': { host: '130602', basis: 'Damafang township came from the former Xinshi District (now Jingxiu); Xiantai came from the former Beishi District (now Lianchi): a near-even split.' },
  '130672': { host: '130684', basis: 'Baigou town is in the south of Gaobeidian City.' },
  '130771': { host: '130702', basis: 'Urban streets and Laoyazhuang in Qiaodong District; Shenjiatun, Yaojiafang and Shalingzi are former Xuanhua County towns.' },
  '130772': { host: '130722', basis: 'Grew out of a Zhangbei County farm; sits where Zhangbei, Guyuan and Kangbao meet.' },
  '130773': { host: '130724', basis: 'Former state Guyuan ranch; borders Guyuan County to the south.' },
  '130871': { host: '130802', basis: 'Shangbancheng town of Shuangqiao District is administered by the zone (2010).' },
  '130971': { host: '130921', basis: 'South-east of Cangzhou city, surrounded by Cang County (best judgement: no source names the host).' },
  '130972': { host: '130903', basis: 'In the new city west of the old city, Yunhe District (best judgement: no source names the host).' },
  '130973': { host: '130983', basis: 'Xincun Hui township and the port are Huanghua City land; part in Haixing County.' },
  '131071': { host: '131003', basis: 'Yaohuadao and Yunpengdao streets are listed under Guangyang District.' },
  '131171': { host: '131102', basis: 'Damasen township fills a gap in Taocheng District\'s township codes.' },
  '131172': { host: '131103', basis: 'Weijiatun town and most of Hengshui Lake are Jizhou District land; Pengducun came from Taocheng.' },
};

/** Units renamed or reorganised in 2020 (Xingtai): which reference polygon gives their seat. */
export const RENAMED_UNITS: Record<string, { referenceCode: string; note?: string }> = {
  '130505': { referenceCode: '130526', note: 'Seat and area from the former Ren County (renamed Renze District in 2020, same territory).' },
  '130506': { referenceCode: '130527', note: 'Seat and area from the former Nanhe County (renamed Nanhe District in 2020, same territory).' },
  '130502': { referenceCode: '130502', note: 'Seat from the former Qiaodong District, renamed Xiangdu in 2020.' },
  '130503': { referenceCode: '130503', note: 'Seat from the former Qiaoxi District, renamed Xindu in 2020.' },
};

/** Published areas for units whose 2020 territory no reference polygon matches (former Xingtai County split). */
export const REORGANISED_AREAS_KM2: Record<string, { areaKm2: number; note: string }> = {
  '130502': { areaKm2: 223, note: 'Area as published for Xiangdu District after it took four towns of the former Xingtai County (one local page gives 91.7 km²).' },
  '130503': { areaKm2: 1910, note: 'Area as published for Xindu District after it took the rest of the former Xingtai County.' },
};
