/** Chinese text of the certificate lifecycle (what the exporter and the office are told). */
export const CM = {
  notFound: "找不到该证书。",
  sendBlocked: "证书有以下问题，修改后才能发送（已全部列出）：",
  notEditable: "该证书当前状态不能修改。只有草稿和被退回的证书可以修改；已通过或已发证的证书请使用“改证重发”。",
  noLayout: (typeName: string) => `${typeName}暂无打印版式，发送后无法打印，因此暂不能发送。请改用其他证书类型，或联系签证机构。`,
  notSendable: "该证书当前状态不能发送。只有草稿和被退回的证书可以发送。",
  staleRevision: "该证书已在别处（另一个窗口或设备）保存了更新的内容。请刷新页面，在最新内容上继续修改。",
  notAmendable: "只有已审核通过或已发证的证书可以改证重发。",
  notIssuable: "只有已审核通过或已发证的电子证书（eCO）才有签名的正式 PDF。",
  alreadyAmended: "该证书已有一份改证重发的申请，请在证书列表中继续处理那一份。",
  notDeletable: "只有从未发送过的草稿可以删除。",
  marksImageType: "唛头图片须为 JPG、PNG 或 GIF 图片（按文件内容判断，改扩展名无效）。",
  marksImageTooLarge: "唛头图片不能超过 400 KB，请压缩后重新上传。",
  noteAmendOf: "改证重发",
  noteEdi: "EDI 接口提交",
  noteRetro: (wording: string) => `超过协定规定期限，证书将标注 ${wording}`,
} as const;
