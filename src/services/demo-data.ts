/**
 * Content of the demo board, modelled on a county public-security bureau's "5 + 2" rectification drive:
 * 31 problems, 81 measures, seven campaign categories, findings from field research, development
 * obstacles and public complaint channels. `story` says what history the demo gives each problem.
 */

export const DEMO_CATEGORIES = [
  '民生服务',
  '营商环境',
  '干部不担当不作为',
  '形式主义官僚主义',
  '基层组织软弱涣散',
  '执法办案不规范',
  '交通执法问题',
] as const;

export const DEMO_SOURCES = ['调研发现', '发展障碍', '督查平台', '局长信箱', '服务评价系统', '投诉热线'] as const;

/**
 * open: reported nothing yet · progress: updates every cycle · stale: no update this cycle ·
 * overdue: past its deadline and behind · requested: waiting for a leader's sign-off ·
 * closed / closedLate: signed off (the latter after its deadline).
 */
type DemoStory = 'open' | 'openOverdue' | 'progress' | 'stale' | 'overdue' | 'requested' | 'closed' | 'closedLate';

export interface DemoProblem {
  category: (typeof DEMO_CATEGORIES)[number];
  source: (typeof DEMO_SOURCES)[number];
  unit: string;
  title: string;
  description: string;
  measures: string[];
  story: DemoStory;
}

export const DEMO_PROBLEMS: DemoProblem[] = [
  // 民生服务
  {
    category: '民生服务',
    source: '服务评价系统',
    unit: '人口与出入境管理大队',
    title: '户籍业务办理排队时间长，群众多次跑腿',
    description: '服务评价系统显示，城区派出所户籍窗口高峰期平均等候超过1小时，部分业务需往返2次以上。',
    measures: [
      '推行户籍业务“一窗通办”，办理时限压缩至3个工作日内',
      '开通网上预约和周末延时服务',
      '每月通报各派出所窗口等候时长',
    ],
    story: 'closed',
  },
  {
    category: '民生服务',
    source: '投诉热线',
    unit: '出入境管理大队',
    title: '出入境证件网上预约号源紧张，群众反映预约难',
    description: '投诉热线反映，寒暑假前出入境证件网上预约号源一放即满，群众需反复刷号。',
    measures: ['增加网上预约号源，高峰期开设临时窗口', '增设自助签注设备，实现24小时自助办理'],
    story: 'progress',
  },
  {
    category: '民生服务',
    source: '调研发现',
    unit: '人口与出入境管理大队',
    title: '农村地区身份证补换领需往返县城',
    description: '调研发现，偏远乡镇群众补换领身份证须到县城办理，往返耗时一天以上。',
    measures: [
      '在乡镇派出所设立身份证受理点，实现就近办理',
      '对行动不便群众提供上门办证服务',
      '建立偏远村组定期流动办证机制',
    ],
    story: 'requested',
  },
  {
    category: '民生服务',
    source: '局长信箱',
    unit: '指挥中心',
    title: '群众求助类警情回访不及时',
    description: '局长信箱多次收到群众来信，反映求助类警情处置后无人回访、结果不清楚。',
    measures: ['建立接处警回访制度，非紧急求助48小时内回访', '每周抽查回访记录并通报'],
    story: 'stale',
  },
  {
    category: '民生服务',
    source: '服务评价系统',
    unit: '法制大队',
    title: '无犯罪记录证明开具标准不一、材料要求繁琐',
    description: '各派出所开具无犯罪记录证明所需材料不统一，群众因材料不全被多次退回。',
    measures: [
      '统一开具标准和材料清单并向社会公开',
      '推行无犯罪记录证明网上申请、电子证明',
      '对多次退件情况开展专项检查',
    ],
    story: 'closed',
  },
  {
    category: '民生服务',
    source: '投诉热线',
    unit: '治安管理大队',
    title: '居住证办理指南不公开，流动人口反映办证难',
    description: '流动人口反映不清楚居住证办理条件和材料，部分派出所要求提供额外证明。',
    measures: ['在政务服务网和派出所公示居住证办理指南', '简化居住证申领材料，推行告知承诺制'],
    story: 'progress',
  },
  // 营商环境
  {
    category: '营商环境',
    source: '督查平台',
    unit: '指挥中心',
    title: '涉企警情处置慢，企业反映出警不及时',
    description: '督查平台通报，工业园区涉企警情平均到场时间明显长于城区，企业反映强烈。',
    measures: ['建立涉企警情快速响应机制，明确出警时限', '在工业园区设立警务服务站', '每季度开展涉企警情处置质效评估'],
    story: 'progress',
  },
  {
    category: '营商环境',
    source: '发展障碍',
    unit: '治安管理大队',
    title: '企业开办印章刻制备案需多次提交材料',
    description: '企业开办环节中印章刻制备案未纳入一网通办，企业需线下重复提交营业执照等材料。',
    measures: ['印章刻制备案纳入企业开办“一网通办”', '实现印章刻制当日办结'],
    story: 'closed',
  },
  {
    category: '营商环境',
    source: '局长信箱',
    unit: '经济犯罪侦查大队',
    title: '涉企经济案件立案难、久侦不结',
    description: '多家企业来信反映合同诈骗等案件报案后长期未立案或立案后进展缓慢。',
    measures: [
      '全面清理涉企积案，逐案明确办理时限',
      '建立涉企案件立案审查“绿色通道”',
      '定期向报案企业反馈案件办理进展',
    ],
    story: 'overdue',
  },
  {
    category: '营商环境',
    source: '调研发现',
    unit: '治安管理大队',
    title: '对企业检查多头重复，影响正常经营',
    description: '调研发现，同一企业一个月内接受消防、治安等多个部门检查，内容重复。',
    measures: ['推行“综合查一次”联合检查机制', '建立涉企检查事项清单和备案制度'],
    story: 'requested',
  },
  {
    category: '营商环境',
    source: '发展障碍',
    unit: '交警大队',
    title: '货车通行证办理流程复杂，物流企业反映强烈',
    description: '物流企业反映货车通行证需现场办理、审批周期长，城区限行时段设置不合理。',
    measures: ['货车通行证实行网上申办、即时审批', '合理调整城区货车限行区域和时段', '为重点物流企业提供上门服务'],
    story: 'progress',
  },
  // 干部不担当不作为
  {
    category: '干部不担当不作为',
    source: '投诉热线',
    unit: '警务督察大队',
    title: '部分民警对群众诉求推诿扯皮',
    description: '投诉热线反映，个别民警以“不归我管”为由推脱，群众诉求在部门间来回转办。',
    measures: ['落实首问负责制和限时办结制', '对推诿扯皮问题开展专项督察并通报', '将群众诉求办理情况纳入绩效考核'],
    story: 'closed',
  },
  {
    category: '干部不担当不作为',
    source: '督查平台',
    unit: '办公室',
    title: '信访积案化解不力，重复信访多',
    description: '督查平台显示，3件以上信访积案超过一年未化解，重复信访比例偏高。',
    measures: ['建立局领导包案化解信访积案机制', '逐案制定化解方案，明确责任人和时限'],
    story: 'overdue',
  },
  {
    category: '干部不担当不作为',
    source: '调研发现',
    unit: '办公室',
    title: '个别单位对上级交办事项敷衍应付、迟报漏报',
    description: '调研发现，部分交办事项无台账、无反馈，个别单位多次迟报漏报。',
    measures: ['建立交办事项台账和督办销号制度', '对迟报漏报问题约谈单位负责人'],
    story: 'open',
  },
  {
    category: '干部不担当不作为',
    source: '调研发现',
    unit: '政治处',
    title: '新任职干部履职能力不足，遇到矛盾绕着走',
    description: '部分新任职中层干部处置复杂警情、化解矛盾纠纷经验不足，存在畏难情绪。',
    measures: ['开展新任职干部履职能力专题培训', '建立“老带新”结对帮带机制', '将实战表现纳入干部考察内容'],
    story: 'progress',
  },
  // 形式主义官僚主义
  {
    category: '形式主义官僚主义',
    source: '调研发现',
    unit: '办公室',
    title: '会议文件多、篇幅长，基层疲于应付',
    description: '基层所队反映每周需参加多个会议，传达文件层层加码，挤占执法执勤时间。',
    measures: ['精简会议和文件，实行年度计划管理', '推行视频会议，减少基层参会人员'],
    story: 'closed',
  },
  {
    category: '形式主义官僚主义',
    source: '发展障碍',
    unit: '政治处',
    title: '考核台账重“留痕”轻实效，基层报表负担重',
    description: '各类考核要求提供大量纸质台账，同一数据多头重复填报。',
    measures: ['清理规范各类报表，整合重复填报事项', '改进考核方式，降低台账资料考核比重', '建立报表统一归口管理制度'],
    story: 'requested',
  },
  {
    category: '形式主义官僚主义',
    source: '督查平台',
    unit: '警务督察大队',
    title: '督导检查走过场，发现问题整改不落实',
    description: '部分督导检查只看资料不看现场，发现问题后缺少跟踪，同类问题反复出现。',
    measures: ['实行督察问题清单化管理和“回头看”', '对整改不到位的单位实行挂牌督办'],
    story: 'stale',
  },
  {
    category: '形式主义官僚主义',
    source: '调研发现',
    unit: '政治处',
    title: '学习教育重形式，专题学习照本宣科',
    description: '部分支部专题学习以读文件为主，缺少结合实际的研讨，学习记录雷同。',
    measures: ['改进学习方式，推行案例研讨和现场教学', '对学习记录雷同问题进行通报'],
    story: 'closedLate',
  },
  // 基层组织软弱涣散
  {
    category: '基层组织软弱涣散',
    source: '调研发现',
    unit: '政治处',
    title: '部分派出所党支部组织生活不规范',
    description: '调研发现，个别派出所党支部“三会一课”记录不全，组织生活会批评与自我批评不深入。',
    measures: ['开展派出所党支部规范化建设', '局党委班子成员联系指导后进党支部', '每季度检查“三会一课”落实情况'],
    story: 'open',
  },
  {
    category: '基层组织软弱涣散',
    source: '调研发现',
    unit: '治安管理大队',
    title: '农村警务室长期无人值守',
    description: '部分村级警务室挂牌后长期无人值守，群众有事找不到民警。',
    measures: [
      '落实“一村一辅警”，明确警务室值守时间',
      '在警务室公示社区民警联系方式',
      '将警务室运行情况纳入派出所考核',
    ],
    story: 'overdue',
  },
  {
    category: '基层组织软弱涣散',
    source: '督查平台',
    unit: '警务保障室',
    title: '辅警队伍管理松散、培训不足',
    description: '督查发现辅警请销假、考勤制度执行不严，部分辅警未经系统培训即上岗。',
    measures: ['修订辅警管理办法，实行分级管理', '开展辅警岗前和在岗轮训', '建立辅警考核奖惩机制'],
    story: 'closed',
  },
  {
    category: '基层组织软弱涣散',
    source: '发展障碍',
    unit: '治安管理大队',
    title: '社区警务与网格化管理脱节',
    description: '社区民警与乡镇网格员信息不互通，矛盾纠纷排查存在盲区。',
    measures: ['推动社区民警进网格、兼任网格指导员', '建立警务与网格信息共享机制'],
    story: 'progress',
  },
  // 执法办案不规范
  {
    category: '执法办案不规范',
    source: '局长信箱',
    unit: '法制大队',
    title: '受案立案不及时，存在有案不立现象',
    description: '局长信箱来信反映，个别派出所对群众报案不出具受案回执，立案审查超时。',
    measures: ['开展受案立案专项监督', '全面推行受立案网上流转', '对有案不立问题倒查责任'],
    story: 'openOverdue',
  },
  {
    category: '执法办案不规范',
    source: '督查平台',
    unit: '法制大队',
    title: '涉案财物管理不规范，返还不及时',
    description: '督查发现部分涉案财物未入库登记，案件办结后财物长期未返还当事人。',
    measures: ['全面清理涉案财物，建立电子台账', '规范涉案财物返还程序，限期返还', '涉案财物统一进入管理中心保管'],
    story: 'requested',
  },
  {
    category: '执法办案不规范',
    source: '调研发现',
    unit: '警务督察大队',
    title: '执法记录仪使用不规范，现场执法音视频缺失',
    description: '抽查发现部分现场执法未全程录音录像，音视频资料未按规定上传存储。',
    measures: ['明确执法记录仪全程记录要求', '每月抽查执法音视频并通报', '建立执法音视频统一存储管理平台'],
    story: 'overdue',
  },
  {
    category: '执法办案不规范',
    source: '服务评价系统',
    unit: '法制大队',
    title: '案件办理超期、法律文书制作不规范',
    description: '案件质量评查发现，部分行政案件超期办结，法律文书存在引用条款错误等问题。',
    measures: ['建立案件办理期限预警机制', '开展法律文书制作专项培训', '实行案件质量评查月度通报'],
    story: 'closed',
  },
  // 交通执法问题
  {
    category: '交通执法问题',
    source: '服务评价系统',
    unit: '交警大队',
    title: '交通违法处理窗口排队时间长',
    description: '群众反映交通违法处理窗口少、等候时间长，部分业务只能工作日办理。',
    measures: ['推广“交管12123”网上处理交通违法', '增设自助处理终端和周末服务窗口'],
    story: 'closed',
  },
  {
    category: '交通执法问题',
    source: '投诉热线',
    unit: '交警大队',
    title: '电子警察设置不合理、提示标志不清',
    description: '投诉热线反映，部分路段电子警察设置在限速突变处，提示标志被遮挡。',
    measures: [
      '全面排查电子警察设置点位，向社会公开设置地点',
      '对标志标线不清的路段限期整改',
      '建立电子警察设置论证和公示制度',
    ],
    story: 'progress',
  },
  {
    category: '交通执法问题',
    source: '局长信箱',
    unit: '交警大队',
    title: '部分路段执法以罚代管，群众认同度低',
    description: '局长信箱来信反映，部分路段执法重处罚、轻疏导，高峰期拥堵问题未改善。',
    measures: ['规范路面执法，推行首违警告等柔性执法', '清理不合理的罚款考核指标', '加强重点路段高峰期交通疏导'],
    story: 'open',
  },
  {
    category: '交通执法问题',
    source: '投诉热线',
    unit: '交警大队',
    title: '交通事故处理周期长，当事人多次往返',
    description: '一般事故从勘查到出具认定书平均超过20天，当事人需多次到事故中队。',
    measures: ['推行轻微事故“快处快赔”', '简易事故处理实行“一站式”服务', '公开事故处理各环节时限'],
    story: 'stale',
  },
];

export const DEMO_NOTES = [
  '已制定整改工作方案，明确责任分工和时间节点。',
  '已召开专题会议部署推进，相关制度正在起草。',
  '按计划推进，阶段性成果已报送局整改办。',
  '主要措施已落实，正在开展效果评估。',
];

export const DEMO_BEHIND_NOTES = ['涉及多个部门，协调难度较大，进度滞后。', '受人员和经费限制，需局领导协调解决。'];

export const DEMO_EVIDENCE = '各项整改措施已全部完成，相关制度文件已印发，佐证材料已归档备查。';
