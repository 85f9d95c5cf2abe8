import { describe, expect, it } from 'vitest';
import countryZonesJson from '../../src/ports/country-zones.json';
import {
  countryOfLocode,
  findPort,
  greatCircleNm,
  LOCODE_PATTERN,
  type Port,
  searchPorts,
  zoneFor,
} from '../../src/ports/index';
import portsJson from '../../src/ports/ports.json';

const ports: readonly Port[] = portsJson;
const countryZones: Record<string, string> = countryZonesJson;

/** Countries whose territory spans several IANA zones: never in country-zones.json. */
const MULTI_ZONE_COUNTRIES = [
  'US',
  'CA',
  'MX',
  'BR',
  'AU',
  'ID',
  'MY',
  'RU',
  'CL',
  'AR',
  'EC',
  'ES',
  'PT',
  'NZ',
  'PG',
  'UA',
  'CY',
  'PF',
];

/** Codes the fee engine relies on: must always be in the table. */
const REQUIRED_CODES = [
  // United States: Atlantic
  'USNYC',
  'USEWR',
  'USBOS',
  'USPHL',
  'USBAL',
  'USORF',
  'USILM',
  'USCHS',
  'USSAV',
  'USJAX',
  'USMIA',
  'USPEF',
  // United States: Gulf
  'USHOU',
  'USGLS',
  'USMSY',
  'USMOB',
  'USTPA',
  'USCRP',
  'USBPT',
  'USPOA',
  'USLCH',
  'USSAB',
  'USFPO',
  // United States: Pacific, Alaska, Hawaii
  'USLAX',
  'USLGB',
  'USOAK',
  'USSFO',
  'USSEA',
  'USTIW',
  'USPDX',
  'USSAN',
  'USANC',
  'USHNL',
  // United States: Great Lakes
  'USCHI',
  'USDET',
  'USCLE',
  'USDLH',
  'USMKE',
  'USTOL',
  'USBUF',
  // Puerto Rico
  'PRSJU',
  'PRPSE',
  // US territories outside the customs territory (us-301.territories)
  'GUGUM',
  'VICHA',
  'VISTT',
  'VISTX',
  'ASPPG',
  'MPSPN',
  'MPTIQ',
  'MPROP',
  // Mainland China
  'CNSHA',
  'CNNGB',
  'CNSZX',
  'CNYTN',
  'CNSHK',
  'CNCAN',
  'CNNSA',
  'CNTAO',
  'CNQIN',
  'CNTXG',
  'CNTNJ',
  'CNTSN',
  'CNDLC',
  'CNXMN',
  'CNLYG',
  'CNRZH',
  'CNYIK',
  'CNFOC',
  'CNZOS',
  'CNNKG',
  'CNQZH',
  'CNZJG',
  'CNTAC',
  'CNHAK',
  'CNZHA',
  'CNDGG',
  'CNZUH',
  'CNCFD',
  // Hong Kong, Macau, Taiwan
  'HKHKG',
  'MOMFM',
  'TWKHH',
  'TWKEL',
  'TWTXG',
  // Canada
  'CAVAN',
  'CAPRR',
  'CAMTR',
  'CAHAL',
  'CASJB',
  'CAQUE',
  // Mexico
  'MXZLO',
  'MXLZC',
  'MXVER',
  'MXATM',
  'MXESE',
  // Panama
  'PABLB',
  'PAONX',
  'PAMIT',
  'PACTB',
  // Caribbean hubs
  'JMKIN',
  'BSFPO',
  'COCTG',
  'DOCAU',
  'DOHAI',
  'TTPOS',
  'TTPTS',
  'BBBGI',
  'CWWIL',
  'AWORJ',
  'CUHAV',
  'BSNAS',
  'HTPAP',
  // Major world hubs and energy/bulk ports
  'SGSIN',
  'KRPUS',
  'AEJEA',
  'NLRTM',
  'MYPKG',
  'BEANR',
  'MYTPP',
  'DEHAM',
  'THLCH',
  'LKCMB',
  'VNSGN',
  'INMUN',
  'INNSA',
  'MAPTM',
  'ESVLC',
  'ESALG',
  'GRPIR',
  'PHMNL',
  'SAJED',
  'OMSLL',
  'JPTYO',
  'JPYOK',
  'JPUKB',
  'JPNGO',
  'JPOSA',
  'DEBRV',
  'GBFXT',
  'GBSOU',
  'FRLEH',
  'FRMRS',
  'ITGIT',
  'ITGOA',
  'BRSSZ',
  'ZADUR',
  'EGPSD',
  'VNHPH',
  'BDCGP',
  'PKKHI',
  'AUMEL',
  'AUSYD',
  'SADMM',
  'AEKHL',
  'PECLL',
  'CLSAI',
  'ARBUE',
  'PLGDN',
  'ESBCN',
  'KRINC',
  'KRKAN',
  'GHTEM',
  'TGLFW',
  'KEMBA',
  'DJJIB',
  'QARLF',
  'AUHPT',
  'AUPHE',
  'BRTUB',
  'ZARCB',
  'KRUSN',
];

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

describe('ports.json', () => {
  it('has unique codes, sorted by code', () => {
    const codes = ports.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('uses well-formed UN/LOCODEs whose country is the code prefix', () => {
    for (const p of ports) {
      expect(p.code, p.code).toMatch(LOCODE_PATTERN);
      expect(p.country, p.code).toBe(p.code.slice(0, 2));
      expect(p.name.trim().length, p.code).toBeGreaterThan(0);
    }
  });

  it('has coordinates within range', () => {
    for (const p of ports) {
      expect(p.lat, p.code).toBeGreaterThanOrEqual(-90);
      expect(p.lat, p.code).toBeLessThanOrEqual(90);
      expect(p.lon, p.code).toBeGreaterThanOrEqual(-180);
      expect(p.lon, p.code).toBeLessThanOrEqual(180);
    }
  });

  it('uses valid IANA zones', () => {
    const invalid = ports.filter((p) => !isValidZone(p.zone)).map((p) => `${p.code}:${p.zone}`);
    expect(invalid).toEqual([]);
  });

  it('covers every required code', () => {
    const missing = REQUIRED_CODES.filter((code) => findPort(code) === undefined);
    expect(missing).toEqual([]);
  });

  it('lists Qingdao under both CNTAO and the CNQIN alias', () => {
    expect(findPort('CNTAO')?.name).toBe('Qingdao');
    expect(findPort('CNQIN')?.name).toBe('Qingdao');
  });
});

describe('US territories', () => {
  it('Guam, the US Virgin Islands, American Samoa and the Northern Marianas carry their own country and zone', () => {
    expect(findPort('GUGUM')).toMatchObject({ country: 'GU', zone: 'Pacific/Guam' });
    expect(findPort('VISTT')).toMatchObject({ country: 'VI', zone: 'America/St_Thomas' });
    expect(findPort('VISTX')).toMatchObject({ country: 'VI', zone: 'America/St_Thomas' });
    expect(findPort('ASPPG')).toMatchObject({ country: 'AS', zone: 'Pacific/Pago_Pago' });
    expect(findPort('MPSPN')).toMatchObject({ country: 'MP', zone: 'Pacific/Saipan' });
    expect(zoneFor('MPZZZ')).toBe('Pacific/Saipan');
  });
});

describe('country-zones.json', () => {
  it('maps ISO alpha-2 codes to valid IANA zones', () => {
    for (const [country, zone] of Object.entries(countryZones)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(isValidZone(zone), `${country}:${zone}`).toBe(true);
    }
  });

  it('never lists a multi-zone country', () => {
    const listed = MULTI_ZONE_COUNTRIES.filter((c) => c in countryZones);
    expect(listed).toEqual([]);
  });

  it('covers every single-zone country of the port table, consistently', () => {
    for (const p of ports) {
      if (MULTI_ZONE_COUNTRIES.includes(p.country)) continue;
      expect(countryZones[p.country], p.code).toBe(p.zone);
    }
  });
});

describe('findPort / countryOfLocode', () => {
  it('is case-insensitive', () => {
    expect(findPort('uslax')?.code).toBe('USLAX');
    expect(findPort('UsLaX')?.name).toBe('Los Angeles');
    expect(findPort('cnsha')?.country).toBe('CN');
  });

  it('returns undefined for unknown codes', () => {
    expect(findPort('USZZZ')).toBeUndefined();
    expect(findPort('')).toBeUndefined();
  });

  it('takes the country from the first two letters', () => {
    expect(countryOfLocode('uslax')).toBe('US');
    expect(countryOfLocode('CNZZZ')).toBe('CN');
  });
});

describe('zoneFor', () => {
  it('returns the zone of a listed port', () => {
    expect(zoneFor('USLAX')).toBe('America/Los_Angeles');
    expect(zoneFor('usdet')).toBe('America/Detroit');
    expect(zoneFor('PRSJU')).toBe('America/Puerto_Rico');
  });

  it('falls back to the single zone of the country', () => {
    expect(zoneFor('CNZZZ')).toBe('Asia/Shanghai');
    expect(zoneFor('hkzzz')).toBe('Asia/Hong_Kong');
  });

  it('is undefined for unlisted ports of multi-zone countries', () => {
    expect(zoneFor('USZZZ')).toBeUndefined();
    expect(zoneFor('CAZZZ')).toBeUndefined();
  });
});

describe('searchPorts', () => {
  it('finds ports by name', () => {
    expect(searchPorts('los').map((p) => p.code)).toContain('USLAX');
  });

  it('ranks code-prefix matches first', () => {
    const results = searchPorts('USLA');
    expect(results[0]?.code).toBe('USLAX');
  });

  it('puts name-prefix matches before name-substring matches', () => {
    const codes = searchPorts('port', 50).map((p) => p.code);
    const prefix = codes.indexOf('USPOA'); // "Port Arthur": name prefix
    const substring = codes.indexOf('USFPO'); // "Freeport, TX": name substring
    expect(prefix).toBeGreaterThanOrEqual(0);
    expect(substring).toBeGreaterThan(prefix);
  });

  it('is accent-insensitive in both directions', () => {
    expect(searchPorts('lazaro').map((p) => p.code)).toContain('MXLZC');
    expect(searchPorts('LÁZARO').map((p) => p.code)).toContain('MXLZC');
    expect(searchPorts('montreal').map((p) => p.code)).toContain('CAMTR');
  });

  it('returns [] for an empty or blank query', () => {
    expect(searchPorts('')).toEqual([]);
    expect(searchPorts('   ')).toEqual([]);
  });

  it('clamps the limit to 1..50', () => {
    expect(searchPorts('us', 0)).toHaveLength(1);
    expect(searchPorts('us', -5)).toHaveLength(1);
    expect(searchPorts('us', 500)).toHaveLength(50);
    expect(searchPorts('us')).toHaveLength(10);
  });
});

describe('greatCircleNm', () => {
  const at = (code: string): Port => {
    const port = findPort(code);
    if (port === undefined) throw new Error(`missing ${code}`);
    return port;
  };

  it('is zero for the same point and symmetric', () => {
    expect(greatCircleNm(at('USLAX'), at('USLAX'))).toBe(0);
    expect(greatCircleNm(at('CNSHA'), at('USLAX'))).toBeCloseTo(greatCircleNm(at('USLAX'), at('CNSHA')), 9);
  });

  it('gives plausible trans-Pacific and coastal distances', () => {
    const shaLax = greatCircleNm(at('CNSHA'), at('USLAX'));
    expect(shaLax).toBeGreaterThan(5600);
    expect(shaLax).toBeLessThan(5800);
    const laxZlo = greatCircleNm(at('USLAX'), at('MXZLO'));
    expect(laxZlo).toBeGreaterThan(1000);
    expect(laxZlo).toBeLessThan(1400);
  });

  it('matches one degree of latitude ≈ 60 nm', () => {
    expect(greatCircleNm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(60.04, 1);
  });
});
