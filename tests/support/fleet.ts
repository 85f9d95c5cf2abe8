/**
 * A three-vessel fleet as one CSV, with one bad row: ALPHA (Annex I: Shanghai, Los Angeles on 2025-10-20,
 * Oakland), BRAVO (US-owned, two Chinese calls) and CHARLIE (its Houston arrival `2025-10-2x` is refused).
 */
export const FLEET_CSV = [
  'imo,name,type,flag,buildCountry,netTonnage,deadweight,teuCapacity,ownerCountry,operatorCountry,port,arrival,cargo',
  '9310006,ALPHA,container,PA,KR,60000,100000,8000,GR,CN,CNSHA,2025-09-25T08:00:00+08:00,',
  '9310006,ALPHA,container,PA,KR,60000,100000,8000,GR,CN,USLAX,2025-10-20T06:00:00-07:00,',
  '9310006,,,,,,,,,,USOAK,2025-10-23,',
  '9321483,BRAVO,container,US,US,30224,50000,4000,US,US,CNSHA,2025-10-14T18:00:00+08:00,',
  '9321483,BRAVO,container,US,US,30224,50000,4000,US,US,CNNGB,2025-10-16,',
  '9074729,CHARLIE,dry_bulk,PA,CN,50000,180000,,GR,DK,CNSHA,2025-09-20,',
  '9074729,CHARLIE,dry_bulk,PA,CN,50000,180000,,GR,DK,USHOU,2025-10-2x,ballast',
].join('\r\n');

/**
 * The fleet's totals as known on 2025-10-20: cn-spf billing year 2025-26 (from 17 April), ALPHA's Shanghai call
 * (not covered, 0) and BRAVO's 12,089,600.00 CNY; us-301 ALPHA's 60,000 NT × 50 USD at Los Angeles.
 */
export const FLEET_TOTALS = [
  {
    regime: 'cn-spf',
    currency: 'CNY',
    capYear: '2025-26',
    amount: '12089600.00',
    low: '12089600.00',
    high: '12089600.00',
    voyages: 2,
    charged: 1,
  },
  {
    regime: 'us-301',
    currency: 'USD',
    capYear: '2025',
    amount: '3000000.00',
    low: '3000000.00',
    high: '3000000.00',
    voyages: 1,
    charged: 1,
  },
];
