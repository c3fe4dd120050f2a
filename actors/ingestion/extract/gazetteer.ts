import { fold } from './fold.js';

/**
 * Ports and towns that paper ships from, by country (folded ASCII, local and English
 * spellings; `_` joins the words of one name). Used to tell where goods load from a place such as "FOB Setúbal".
 */
const PLACES: Record<string, string> = {
  DE: 'hamburg bremen bremerhaven lubeck rostock kiel wismar emden cuxhaven duisburg koln cologne dusseldorf aschaffenburg dresden munchen munich berlin frankfurt stuttgart mannheim ludwigshafen karlsruhe augsburg nurnberg nuremberg hannover hanover leipzig chemnitz pirna eisenhuttenstadt schwedt plattling ettringen aalen mainz koblenz trier aachen duren julich kreuzau heilbronn ulm regensburg passau erfurt magdeburg halle kassel bielefeld dortmund essen bochum gelsenkirchen neuss krefeld monchengladbach wuppertal hagen siegen osnabruck munster oldenburg wilhelmshaven braunschweig wolfsburg gottingen freiburg konstanz weil_am_rhein lorrach rheinfelden baienfurt gernsheim zulpich spremberg blankenstein schongau augsburg raubling hagen-kabel mainz-kostheim',
  AT: 'wien vienna linz graz salzburg innsbruck klagenfurt villach st._polten judenburg frohnleiten laakirchen steyrermuhl gratkorn bruck_an_der_mur pols hallein nettingsdorf ybbs lenzing kapfenberg leoben',
  CH: 'zurich basel bern berne geneve geneva genf lausanne lugano luzern lucerne zug winterthur st._gallen perlen utzenstorf turbenthal deisswil biberist',
  IT: 'genova genoa la_spezia livorno venezia venice trieste ravenna napoli naples salerno ancona bari taranto palermo cagliari civitavecchia savona vado_ligure marina_di_carrara monfalcone chioggia milano milan torino turin verona lucca treviso cittadella bergamo brescia padova padua vicenza bologna firenze florence roma rome modena parma piacenza san_pellegrino_terme porcari capannori castelfranco_veneto mantova mantua varese novara',
  ES: 'valencia barcelona bilbao santander vigo algeciras tarragona pasajes pasaia madrid zaragoza tudela sevilla seville gijon aviles la_coruna a_coruna huelva cadiz castellon sagunto alicante cartagena malaga almeria ferrol pontevedra burgos valladolid girona navarra pamplona irun hernani zarautz',
  FR: 'le_havre marseille fos fos_sur_mer dunkerque dunkirk calais rouen bordeaux nantes saint_nazaire montoir la_rochelle brest lorient lyon paris strasbourg chatellerault grenoble lille toulouse metz mulhouse reims troyes orleans poitiers limoges clermont_ferrand saint_etienne rennes caen amiens valenciennes saillat tarascon rochefort',
  NL: 'rotterdam amsterdam tilburg moerdijk vlissingen flushing eemshaven delfzijl groningen eindhoven venlo nijmegen arnhem utrecht den_haag the_hague zwolle apeldoorn dordrecht breda roermond maastricht harlingen terneuzen',
  BE: 'antwerp antwerpen anvers ghent gent gand zeebrugge brussels bruxelles brussel liege luik verviers charleroi namur ostend oostende mechelen hasselt kortrijk genk',
  PT: 'setubal lisboa lisbon leixoes porto oporto aveiro figueira_da_foz sines viana_do_castelo cacia constancia leiria coimbra braga',
  PL: 'gdansk gdynia szczecin swinoujscie poznan wroclaw warszawa warsaw krakow cracow lodz kwidzyn ostroleka swiecie turek katowice bydgoszcz torun lublin rzeszow kielce olsztyn bialystok opole czestochowa radom kostrzyn',
  TR: 'mersin izmir istanbul ambarli gebze kocaeli izmit gemlik iskenderun bursa aliaga ankara adana kemalpasa derince yalova tekirdag samsun trabzon',
  SE: 'goteborg gothenburg helsingborg norrkoping piteaa pitea ornskoldsvik sundsvall husum gavle karlstad malmo stockholm iggesund frovi obbola munksund gruvon skoghall varberg trelleborg ystad halmstad lulea umea soderhamn hudiksvall oxelosund',
  FI: 'kemi oulu kotka hamina rauma kaskinen pietarsaari jakobstad lappeenranta imatra helsinki helsingfors turku abo pori aanekoski varkaus kuopio tampere valkeakoski kuusankoski joutseno uusikaupunki hanko hango kokkola vaasa tornio',
  NO: 'oslo drammen halden sarpsborg fredrikstad bergen trondheim stavanger kristiansand skien',
  DK: 'aarhus arhus kobenhavn copenhagen esbjerg fredericia aalborg odense kolding',
  GB: 'immingham tilbury felixstowe southampton liverpool hull grimsby teesport bristol avonmouth london manchester birmingham kemsley sittingbourne goole leith grangemouth aberdeen belfast newport cardiff workington ellesmere_port purfleet sheerness thamesport london_gateway',
  IE: 'dublin cork waterford',
  CZ: 'praha prague brno ostrava steti plzen olomouc pardubice hradec_kralove jablonne_nad_orlici ceske_budejovice',
  SK: 'bratislava ruzomberok kosice sturovo',
  SI: 'koper ljubljana kranj vevce maribor celje krsko',
  HR: 'rijeka zagreb ploce',
  HU: 'budapest dunaujvaros gyor',
  RO: 'constanta bucuresti bucharest',
  GR: 'thessaloniki piraeus pireas',
  LT: 'klaipeda vilnius kaunas',
  LV: 'riga ventspils liepaja',
  EE: 'tallinn muuga',
  BR: 'paranagua santos rio_grande itajai sao_francisco_do_sul vitoria rio_de_janeiro sao_paulo salvador pecem suape navegantes imbituba jaguariaiva telemaco_borba tres_barras otacilio_costa',
  AR: 'buenos aires',
  CL: 'san_antonio valparaiso san_vicente lirquen',
  US: 'savannah charleston houston new_york norfolk long_beach los_angeles seattle tacoma baltimore philadelphia new_orleans jacksonville miami oakland portland',
  CA: 'montreal vancouver halifax prince_rupert toronto',
  AE: 'jebel_ali dubai abu_dhabi sharjah khalifa_port',
  IN: 'nhava_sheva jawaharlal_nehru mundra chennai madras kolkata calcutta mumbai bombay vapi tuticorin kandla cochin visakhapatnam pipavav hazira',
  ID: 'surabaya jakarta tanjung_priok tanjung_perak semarang belawan medan gresik',
  CN: 'shanghai ningbo qingdao tianjin xiamen guangzhou shenzhen dalian lianyungang nanjing',
  MA: 'casablanca tanger tangier agadir',
  EG: 'alexandria alexandrie port_said damietta sokhna',
  ZA: 'durban richards_bay cape_town port_elizabeth',
  TH: 'bangkok laem_chabang',
  MY: 'port_klang penang',
  SG: 'singapore',
  KR: 'busan pusan incheon',
  VN: 'ho_chi_minh haiphong',
};

const byPlace = new Map<string, string>();
for (const [code, list] of Object.entries(PLACES)) {
  for (const name of list.split(' ')) byPlace.set(name.replace(/[_-]/g, ' '), code);
}

/** The country of a named place ("Setúbal" → PT, "Jebel Ali" → AE), or null. */
export function countryOfPlace(place: string): string | null {
  const k = fold(place).replace(/[-\s\u00a0]+/g, ' ').replace(/[()]/g, '').trim();
  return byPlace.get(k) ?? byPlace.get(k.split(' ')[0] ?? '') ?? null;
}

/** Places named in a text, as countries, in order (for signatures and warehouse towns). */
export function placesIn(text: string): string[] {
  const words = fold(text).split(/[^a-z.]+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const n of [3, 2, 1]) {
      const hit = byPlace.get(words.slice(i, i + n).join(' '));
      if (hit) { out.push(hit); i += n - 1; break; }
    }
  }
  return out;
}
