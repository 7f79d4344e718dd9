//! Data for the benchmarks: many achievement-like titles built from technical
//! vocabulary (Chinese, with some English words), deterministic.
#![allow(dead_code)]

const SUBJECTS: &[&str] = &[
    "稀土永磁",
    "钕铁硼",
    "石墨烯",
    "氢燃料电池",
    "储能电池",
    "光伏组件",
    "风电机组",
    "煤气化",
    "煤制烯烃",
    "钢渣微粉",
    "铝合金",
    "碳化硅",
    "玄武岩纤维",
    "奶山羊",
    "绒山羊",
    "肉苁蓉",
    "蒙药",
    "胡芪",
    "乳品加工",
    "马铃薯",
    "沙棘",
    "草原生态",
    "荒漠治理",
    "矿井水",
    "烟气脱硝",
    "锂离子电池",
    "液流电池",
    "稀土催化",
    "稀土发光",
    "高纯石英",
    "LoRa 传感器",
    "5G 物联网",
    "北斗定位",
    "无人机巡检",
    "工业机器人",
    "区块链溯源",
];
const ACTIONS: &[&str] = &[
    "制备技术",
    "产业化关键技术",
    "绿色制备工艺",
    "低成本短流程工艺",
    "性能提升技术",
    "综合利用技术",
    "回收再生技术",
    "智能监测系统",
    "高效繁育技术",
    "连续化生产工艺",
    "在线检测装备",
    "清洁生产工艺",
];
const PREFIXES: &[&str] = &[
    "",
    "高性能",
    "新型",
    "大型",
    "低温",
    "高效",
    "智能化",
    "一体化",
];

/// `n` titles; the same `n` always gives the same titles.
pub fn titles(n: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let p = PREFIXES[(next() % PREFIXES.len() as u64) as usize];
            let s = SUBJECTS[(next() % SUBJECTS.len() as u64) as usize];
            let a = ACTIONS[(next() % ACTIONS.len() as u64) as usize];
            format!("{p}{s}{a} A{i:06}")
        })
        .collect()
}
