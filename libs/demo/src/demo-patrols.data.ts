/** What a patrol of a community's charging facilities finds (Jinpu §二(四)(五)), and how it was put right. */
export const PATROL_ISSUES: readonly { issue: string; fix: string }[] = [
  { issue: '充电区域堆放杂物，占用消防通道', fix: '已清理杂物并恢复消防通道畅通' },
  { issue: '充电桩急停按钮防护盖缺失', fix: '运营企业已更换防护盖' },
  { issue: '充电车位被燃油车占用，无专用标识', fix: '已施划专用车位标线并设置标识' },
  { issue: '充电区域灭火器压力不足', fix: '已更换灭火器并建立月检记录' },
  { issue: '充电桩线缆外皮破损', fix: '运营企业已更换充电线缆' },
  { issue: '地下车库充电区域应急照明故障', fix: '已维修应急照明并完成测试' },
  { issue: '充电区域监控摄像头不能正常工作', fix: '已维修监控设备' },
  { issue: '自用充电桩私拉电线，存在安全隐患', fix: '已督促业主拆除私拉线路，由具备资质的单位规范安装' },
  { issue: '电动自行车在充电设施旁违规充电', fix: '已劝离并张贴安全提示' },
];

export const PATROL_INSPECTOR_TITLES: readonly string[] = ['物业安全员', '物业工程部', '物业客服主管', '物业项目经理'];
