//! Simplified → Traditional Chinese for replies to shoppers who write in
//! Traditional script.
//!
//! The map is the inverse of the Traditional → Simplified table that `fast2s`
//! already carries (it is in the binary for input normalisation), built lazily
//! once, plus [`OVERRIDES`]: about 340 pairs, about 2 KB, for the Simplified
//! characters whose inverse is ambiguous or a rare variant (剩 stays 剩, not 賸;
//! 卫 → 衛; 里 → 裡). A pair mapping a character to itself means "keep it".
//! Ambiguous characters without an override are kept as they are: a Simplified
//! character in Traditional text reads better than a wrong Traditional one.
//! By construction `fast2s::convert(&to_traditional(s)) == s` for any `s`
//! that `fast2s` leaves unchanged.
//!
//! The overrides were derived from OpenCC's `STCharacters.txt` and
//! `TWVariants.txt` (Apache-2.0, <https://github.com/BYVoid/OpenCC>), with a few
//! shop-text choices (里 → 裡, 干 → 乾, 周 → 週), keeping only pairs `fast2s`
//! maps back.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Simplified/Traditional character pairs that correct the plain inverse.
const OVERRIDES: &str = concat!(
    "个個丫丫为為举舉么麼乡鄉了了产產仑侖众眾伞傘伪偽佑佑佩佩侄侄修修俯俯僵僵克克关關兹茲冢冢冲衝凄悽凌凌凫鳧出出击擊刨刨刮刮制制剑劍剩剩剿剿勋勳勖勖匹匹医醫千千卜卜",
    "卤滷卫衛卷卷厂廠厄厄历歷厕廁厩廄发發叙敘叠叠叹嘆吃吃合合吊吊向向听聽启啟呆呆咽咽哌哌哗譁唇唇啮齧嗬嗬噪噪团團场場址址坂坂坑坑坛壇坞塢垄壟垧垧埙壎堤堤墉墉墙牆壳殼",
    "复復奖獎奶奶奸奸妆妝妫媯姜姜娇嬌娘娘娴嫻宁寧家家宾賓寿壽尽盡屃屃岁歲岙岙岩巖巨巨布布席席幞幞干乾并並幸幸床床庵庵弥彌弦弦强強当當录錄彝彝彩彩径徑御御志志念念总總",
    "恤恤恶惡悫愨愈愈愍愍懒懶戏戲才才托托扞扞扣扣扦扦扬揚折折抬抬挽挽捣搗捻捻揸揸搜搜携攜摆擺效效敛斂斗鬥斤斤斫斫旋旋旗旗暖暖札札术術朱朱杂雜杆杆杯杯板板构構栗栗核核",
    "梁梁棂棂榨榨模模檗檗欢歡欣欣欲欲毁毀毡氈气氣汇匯污汙沾沾注注浚浚涩澀淫淫渎瀆湿濕溪溪溯溯漓漓澄澄灶灶炉爐炯炯炼煉烟煙焰焰照照熏燻燕燕牦犛狍狍狸狸猯猯珉珉珏珏球球",
    "琅琅璇璇留留畲畲症症痴痴瘘瘻盘盤眯眯砖磚硅硅碱鹼磷磷秋秋秘秘秸秸窑窯竖豎端端笺箋筱筱签簽箬箬粘粘累累纤纖线線绝絕绣繡绦絛绩績绵綿绷繃绿綠缰韁罗羅翱翱翻翻耀耀考考",
    "胁脅背背脏髒腭腭致致舍舍艳豔苏蘇荡蕩荫蔭药藥莅蒞莜莜获獲莼蓴菱菱蓑蓑蔑蔑蕴蘊藤藤蚁蟻衔銜表表觅覓视視览覽讹訛证證说說谣謠谥諡谷谷资資赝贗赞贊软軟辉輝辞辭迭迭迹跡",
    "邻鄰酝醞酰酰酱醬酸酸采採里裡鉴鑑针針钟鐘钥鑰钩鉤钵缽铁鐵铲鏟铺鋪锈鏽锐銳锤錘锨锨锻鍛镅镅镌鐫镎鎿闲閒闸閘闹鬧阅閱阔闊阴陰阶階陕陝隶隸鞴鞴韧韌须須颓頹颜顏飙飆饥飢",
    "馆館馈饋驱驅驳駁骂罵验驗鬃鬃鬓鬢鲇鲇鳄鱷鳅鰍鳌鰲鳖鱉鸡雞鹅鵝鹇鹇鹍鹍鹚鷀麻麻鼗鼗",
);

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut candidates: HashMap<char, Vec<char>> = HashMap::new();
        let mut buf = [0u8; 4];
        for range in [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF] {
            for cp in range {
                let Some(t) = char::from_u32(cp) else {
                    continue;
                };
                let converted = fast2s::convert(t.encode_utf8(&mut buf));
                let mut chars = converted.chars();
                if let (Some(s), None) = (chars.next(), chars.next()) {
                    if s != t {
                        candidates.entry(s).or_default().push(t);
                    }
                }
            }
        }
        let mut map: HashMap<char, char> = candidates
            .into_iter()
            .filter_map(|(s, ts)| match ts[..] {
                [t] => Some((s, t)),
                _ => None,
            })
            .collect();
        let chars: Vec<char> = OVERRIDES.chars().collect();
        for pair in chars.chunks_exact(2) {
            if let [s, t] = *pair {
                if s == t {
                    map.remove(&s);
                } else {
                    map.insert(s, t);
                }
            }
        }
        map
    })
}

/// Converts the Simplified Chinese characters of `text` to Traditional; all
/// other characters are copied unchanged.
pub fn to_traditional(text: &str) -> String {
    let map = table();
    text.chars()
        .map(|c| map.get(&c).copied().unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_common_shop_words() {
        assert_eq!(to_traditional("购物车里有两件商品"), "購物車裡有兩件商品");
        assert_eq!(
            to_traditional("订单已发货，预计后天送达"),
            "訂單已發貨，預計後天送達"
        );
        assert_eq!(to_traditional("面料：有机棉"), "面料：有機棉");
        assert_eq!(to_traditional("标准配送，免运费"), "標準配送，免運費");
        assert_eq!(to_traditional("仅剩2件卫衣"), "僅剩2件衛衣");
        assert_eq!(
            to_traditional("Cloud Hoodie $59.00 👍"),
            "Cloud Hoodie $59.00 👍"
        );
        assert_eq!(to_traditional("宽松版型，为您推荐"), "寬鬆版型，為您推薦");
    }

    #[test]
    fn overrides_are_pairs_of_han_characters() {
        let chars: Vec<char> = OVERRIDES.chars().collect();
        assert_eq!(chars.len() % 2, 0);
        assert!(chars.iter().all(|&c| crate::text::is_cjk(c)));
    }

    #[test]
    fn round_trips_through_fast2s() {
        let samples = [
            "您好！我是枫与苔的购物助手。可以帮您找商品、查库存、管理购物车、查询订单、办理退货，或解答配送、支付和优惠问题。",
            "这款云朵抓绒卫衣有以下尺码：S、M、L、XL。请问您要哪个尺码？",
            "订单 #10231 已于4月5日送达。退货期限为送达后30天内，退款将在收到退货后5–7个工作日内原路退回。",
            "很抱歉，这个问题我帮不上忙。如需人工服务，请联系客服邮箱或电话，工作时间为周一至周五。",
        ];
        for s in samples {
            let t = to_traditional(s);
            assert_eq!(fast2s::convert(&t), s, "{t}");
            assert_ne!(t, s);
        }
    }
}
