<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH" sourcelanguage="en">
<context>
    <name>AdminWizardPage</name>
    <message>
        <source>Full name</source>
        <translation>ชื่อ-นามสกุล</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>ยืนยันรหัสผ่าน</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>The administrator</source>
        <translation>ผู้ดูแลระบบ</translation>
    </message>
    <message>
        <source>The first account manages users, servers and settings. Its password also protects the agency key that certifies everyone's signature.</source>
        <translation>บัญชีแรกใช้จัดการผู้ใช้ เซิร์ฟเวอร์ และการตั้งค่า รหัสผ่านของบัญชีนี้ยังใช้ปกป้องกุญแจรับรองของหน่วยงานที่รับรองลายมือชื่อของทุกคน</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
</context>
<context>
    <name>AgencyPage</name>
    <message>
        <source>Agency name (English)</source>
        <translation>ชื่อหน่วยงาน (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>Agency name (Thai)</source>
        <translation>ชื่อหน่วยงาน (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Buddhist Era (2569)</source>
        <translation>พุทธศักราช (2569)</translation>
    </message>
    <message>
        <source>Choose a PNG or JPEG…</source>
        <translation>เลือกภาพ PNG หรือ JPEG…</translation>
    </message>
    <message>
        <source>Common Era (2026)</source>
        <translation>คริสต์ศักราช (2026)</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>การเขียนปี</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>ภาพ (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>ภาษา</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>ตราสัญลักษณ์</translation>
    </message>
    <message>
        <source>e.g. สำนักงานสาธารณสุขอำเภอ…</source>
        <translation>เช่น สำนักงานสาธารณสุขอำเภอ…</translation>
    </message>
</context>
<context>
    <name>AgencyWizardPage</name>
    <message>
        <source>Its name as the site and the printed form show it, its logo, the language and how dates are written.</source>
        <translation>ชื่อหน่วยงานตามที่แสดงบนเว็บไซต์และแบบฟอร์ม ตราสัญลักษณ์ ภาษา และรูปแบบการเขียนปี</translation>
    </message>
    <message>
        <source>Your agency</source>
        <translation>หน่วยงานของท่าน</translation>
    </message>
</context>
<context>
    <name>ApprovalChainDialog</name>
    <message>
        <source>Add at least one step, or go back to the default.</source>
        <translation>กรุณาเพิ่มอย่างน้อยหนึ่งขั้นตอน หรือกลับไปใช้ค่าเริ่มต้น</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>เพิ่มขั้นตอน</translation>
    </message>
    <message>
        <source>Approval steps</source>
        <translation>ขั้นตอนการอนุมัติ</translation>
    </message>
    <message>
        <source>Back to the default</source>
        <translation>กลับไปใช้ค่าเริ่มต้น</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>เลื่อนลง</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>เลื่อนขึ้น</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>ลบขั้นตอน</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Saved. Requests of this category now follow these steps.</source>
        <translation>บันทึกแล้ว คำขอในหมวดหมู่นี้จะอนุมัติตามขั้นตอนนี้</translation>
    </message>
    <message>
        <source>Several user names are separated by commas. Left empty, any approver may sign that step. Steps are signed from the top.</source>
        <translation>หลายคนให้คั่นด้วยจุลภาค (,) หากเว้นว่าง ผู้อนุมัติคนใดก็ลงนามขั้นตอนนั้นได้ ลงนามตามลำดับจากบนลงล่าง</translation>
    </message>
    <message>
        <source>Step (English)</source>
        <translation>ชื่อขั้นตอน (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>Step (Thai)</source>
        <translation>ชื่อขั้นตอน (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Who signs (user names)</source>
        <translation>ผู้ลงนาม (ชื่อผู้ใช้)</translation>
    </message>
</context>
<context>
    <name>ApproverInboxWidget</name>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;อนุมัติ…</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <source>Check notes</source>
        <translation>บันทึกการตรวจสอบ</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>เนื้อหา</translation>
    </message>
    <message>
        <source>Delegate my signature…</source>
        <translation>มอบหมายให้ปฏิบัติราชการแทน…</translation>
    </message>
    <message>
        <source>External link</source>
        <translation>ลิงก์ภายนอก</translation>
    </message>
    <message>
        <source>History</source>
        <translation>ประวัติ</translation>
    </message>
    <message>
        <source>History and sign-offs</source>
        <translation>ประวัติและการลงนาม</translation>
    </message>
    <message>
        <source>Loading the request…</source>
        <translation>กำลังโหลดคำขอ…</translation>
    </message>
    <message>
        <source>No check notes.</source>
        <translation>ไม่มีบันทึกการตรวจสอบ</translation>
    </message>
    <message>
        <source>Nothing awaits your signature. New requests appear here when a webmaster sends them for approval.</source>
        <translation>ไม่มีรายการรอการลงนาม คำขอใหม่จะปรากฏที่นี่เมื่อผู้ดูแลเว็บไซต์ส่งขออนุมัติ</translation>
    </message>
    <message>
        <source>Print form (PDF)</source>
        <translation>พิมพ์แบบฟอร์ม (PDF)</translation>
    </message>
    <message>
        <source>Publish on</source>
        <translation>วันที่เผยแพร่</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>ไม่&amp;อนุมัติ…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>วันที่รับคำขอ</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>ผู้ขอเผยแพร่</translation>
    </message>
    <message>
        <source>Return for &amp;changes…</source>
        <translation>ส่&amp;งกลับให้แก้ไข…</translation>
    </message>
    <message>
        <source>Select a request to see what you are signing.</source>
        <translation>เลือกคำขอเพื่อดูสิ่งที่ท่านจะลงนาม</translation>
    </message>
    <message>
        <source>Sign again with my key…</source>
        <translation>ลงนามอีกครั้งด้วยกุญแจของฉัน…</translation>
    </message>
    <message>
        <source>Sign-offs</source>
        <translation>การลงนาม</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ขั้นตอนที่</translation>
    </message>
    <message>
        <source>Take down on</source>
        <translation>วันที่นำลง</translation>
    </message>
    <message>
        <source>on behalf of</source>
        <translation>ปฏิบัติราชการแทน</translation>
    </message>
    <message>
        <source>void</source>
        <translation>ยกเลิกแล้ว</translation>
    </message>
    <message>
        <source>{title}
{reference} · step {step} of {total}: {label}</source>
        <translation>{title}
{reference} · ขั้นตอนที่ {step} จาก {total}: {label}</translation>
    </message>
</context>
<context>
    <name>ArchiveViewer</name>
    <message>
        <source>Compressed</source>
        <translation>ขนาดบีบอัด</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ขนาด</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>ผลการตรวจ</translation>
    </message>
    <message>
        <source>{format} archive: {count} entries, {bad} with problems</source>
        <translation>ไฟล์บีบอัด {format}: {count} รายการ มีปัญหา {bad} รายการ</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <source>Add &amp;files…</source>
        <translation>เพิ่มไฟล์… (&amp;F)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>เพิ่มทั้งโฟลเดอร์</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>เพิ่มไฟล์</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>เพิ่มโฟลเดอร์…</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Allowed files ({patterns});;All files (*)</source>
        <translation>ไฟล์ที่อนุญาต ({patterns});;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>ข้อความแทนภาพ</translation>
    </message>
    <message>
        <source>Attach a new version; the old one is kept</source>
        <translation>แนบฉบับใหม่ โดยเก็บฉบับเดิมไว้</translation>
    </message>
    <message>
        <source>Attach the scanned, signed paper request form</source>
        <translation>แนบแบบฟอร์มคำขอฉบับกระดาษที่ลงนามแล้ว (สแกน)</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>คำบรรยายภาพ</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>ผลตรวจ</translation>
    </message>
    <message>
        <source>Drop files or whole folders here.</source>
        <translation>ลากไฟล์หรือทั้งโฟลเดอร์มาวางที่นี่</translation>
    </message>
    <message>
        <source>Move down (Ctrl+Down)</source>
        <translation>เลื่อนลง (Ctrl+Down)</translation>
    </message>
    <message>
        <source>Move up (Ctrl+Up)</source>
        <translation>เลื่อนขึ้น (Ctrl+Up)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อไฟล์</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>ผ่าน</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>ไม่ผ่าน</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>นำออก</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>นำไฟล์ออก</translation>
    </message>
    <message>
        <source>Remove “{name}” from this request?
The stored copy is kept in the request's history.</source>
        <translation>นำไฟล์ “{name}” ออกจากคำขอนี้หรือไม่
สำเนาที่จัดเก็บไว้ยังคงอยู่ในประวัติของคำขอ</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>แทนที่ด้วย</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>แทนที่…</translation>
    </message>
    <message>
        <source>Save text</source>
        <translation>บันทึกข้อความ</translation>
    </message>
    <message>
        <source>Scanned signed form</source>
        <translation>แบบฟอร์มที่ลงนาม (สแกน)</translation>
    </message>
    <message>
        <source>Scanned signed form…</source>
        <translation>แบบฟอร์มที่ลงนาม (สแกน)…</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ขนาด</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>หยุด</translation>
    </message>
    <message>
        <source>Taking in files: {n} of {m}</source>
        <translation>กำลังรับไฟล์: {n} จาก {m}</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ชนิด</translation>
    </message>
    <message>
        <source>already published in {ref} “{title}”</source>
        <translation>เคยเผยแพร่แล้วในคำขอ {ref} “{title}”</translation>
    </message>
    <message>
        <source>the same file is already in {ref} “{title}” ({state})</source>
        <translation>มีไฟล์เดียวกันนี้อยู่ในคำขอ {ref} “{title}” ({state})</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} หน้า</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data yet</source>
        <translation>ยังไม่มีข้อมูล</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <source>English</source>
        <translation>ภาษาอังกฤษ</translation>
    </message>
    <message>
        <source>Take down after (days)</source>
        <translation>นำลงหลังจาก (วัน)</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>ภาษาไทย</translation>
    </message>
    <message>
        <source>The categories of the Government Website Standard. Names are what people and the site see; the expiry days set the default takedown date.</source>
        <translation>หมวดหมู่ตามมาตรฐานเว็บไซต์ภาครัฐ ชื่อคือสิ่งที่ผู้ใช้และเว็บไซต์แสดง จำนวนวันใช้กำหนดวันนำลงโดยปริยาย</translation>
    </message>
</context>
<context>
    <name>CataloguePageWrapper</name>
    <message>
        <source>Check the names and the default takedown days; Create sets everything up.</source>
        <translation>ตรวจสอบชื่อหมวดหมู่และจำนวนวันนำลง แล้วกด “สร้าง” เพื่อตั้งค่าทั้งหมด</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>สร้าง</translation>
    </message>
    <message>
        <source>The categories</source>
        <translation>หมวดหมู่ข้อมูล</translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <source>Cannot send for approval or publish: {count} required checks fail</source>
        <translation>ยังส่งขออนุมัติหรือเผยแพร่ไม่ได้: ไม่ผ่านรายการที่จำเป็น {count} รายการ</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>รายการตรวจสอบ</translation>
    </message>
    <message>
        <source>Every check passed</source>
        <translation>ผ่านทุกรายการ</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>ระดับ</translation>
    </message>
    <message>
        <source>Ready, with 1 recommendation</source>
        <translation>พร้อมแล้ว มีข้อแนะนำ 1 รายการ</translation>
    </message>
    <message>
        <source>Ready, with {count} recommendations</source>
        <translation>พร้อม แต่มีข้อแนะนำ {count} รายการ</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>แนะนำ</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>จำเป็น</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Access logs</source>
        <translation>บันทึกการเข้าใช้เว็บไซต์</translation>
    </message>
    <message>
        <source>Access logs: {lines} lines read, {malformed} malformed lines skipped</source>
        <translation>บันทึกการเข้าใช้เว็บไซต์: อ่าน {lines} บรรทัด ข้ามบรรทัดที่อ่านไม่ได้ {malformed} บรรทัด</translation>
    </message>
    <message>
        <source>Categories with nothing on the site: {names}</source>
        <translation>หมวดหมู่ที่ไม่มีข้อมูลเผยแพร่อยู่บนเว็บไซต์: {names}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ภาพรวม</translation>
    </message>
    <message>
        <source>Fetch server logs</source>
        <translation>ดึงบันทึกจากเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Fetching the server's access logs…</source>
        <translation>กำลังดึงบันทึกการเข้าใช้เว็บไซต์จากเซิร์ฟเวอร์…</translation>
    </message>
    <message>
        <source>Import access logs…</source>
        <translation>นำเข้าบันทึกการเข้าใช้เว็บไซต์…</translation>
    </message>
    <message>
        <source>Import survey…</source>
        <translation>นำเข้าผลสำรวจความพึงพอใจ…</translation>
    </message>
    <message>
        <source>Last fiscal year</source>
        <translation>ปีงบประมาณที่แล้ว</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>เดือนที่แล้ว</translation>
    </message>
    <message>
        <source>Last quarter (fiscal)</source>
        <translation>ไตรมาสที่แล้ว (ปีงบประมาณ)</translation>
    </message>
    <message>
        <source>Monitoring report (PDF)…</source>
        <translation>รายงานผลการกำกับติดตาม (PDF)…</translation>
    </message>
    <message>
        <source>Most viewed pages</source>
        <translation>หน้าที่มีผู้เปิดดูมากที่สุด</translation>
    </message>
    <message>
        <source>No access logs imported for this period</source>
        <translation>ยังไม่ได้นำเข้าบันทึกการเข้าใช้เว็บไซต์ของช่วงเวลานี้</translation>
    </message>
    <message>
        <source>No comments</source>
        <translation>ไม่มีข้อเสนอแนะ</translation>
    </message>
    <message>
        <source>One-page summary (PDF)…</source>
        <translation>สรุปหนึ่งหน้า (PDF)…</translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation>ปัญหาและข้อเสนอแนะ</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>บันทึกรายงาน</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>บันทึกไฟล์ {path} แล้ว</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>ผลการตอบแบบสำรวจ</translation>
    </message>
    <message>
        <source>This fiscal year</source>
        <translation>ปีงบประมาณนี้</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>เดือนนี้</translation>
    </message>
    <message>
        <source>This quarter (fiscal)</source>
        <translation>ไตรมาสนี้ (ปีงบประมาณ)</translation>
    </message>
    <message>
        <source>Workbook (.xlsx)…</source>
        <translation>สมุดงาน (.xlsx)…</translation>
    </message>
    <message>
        <source>{name}: {responses} responses counted, {skipped} empty rows skipped, {blank} blank answers, {bad} answers outside 1-5</source>
        <translation>{name}: นับผู้ตอบ {responses} ราย ข้ามแถวว่าง {skipped} แถว ไม่ตอบ {blank} คำตอบ คำตอบนอกช่วง 1-5 จำนวน {bad} คำตอบ</translation>
    </message>
</context>
<context>
    <name>DatabaseWizardPage</name>
    <message>
        <source>A shared PostgreSQL server</source>
        <translation>เซิร์ฟเวอร์ PostgreSQL ที่ใช้ร่วมกัน</translation>
    </message>
    <message>
        <source>Cannot connect: {detail}</source>
        <translation>เชื่อมต่อไม่ได้: {detail}</translation>
    </message>
    <message>
        <source>Connected ({version}). The database is empty: WebDesk will set it up.</source>
        <translation>เชื่อมต่อได้ ({version}) ฐานข้อมูลยังว่าง WebDesk จะจัดเตรียมให้</translation>
    </message>
    <message>
        <source>Connected ({version}). WebDesk is already set up there: this PC will join it.</source>
        <translation>เชื่อมต่อได้ ({version}) มี WebDesk ตั้งค่าไว้แล้ว เครื่องนี้จะเข้าร่วมใช้งาน</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>ชื่อฐานข้อมูล</translation>
    </message>
    <message>
        <source>Keep the queue on this PC, or share one queue between several PCs on the agency's PostgreSQL server.</source>
        <translation>เก็บคิวงานไว้ในเครื่องนี้ หรือใช้คิวงานเดียวกันหลายเครื่องผ่านเซิร์ฟเวอร์ PostgreSQL ของหน่วยงาน</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>พอร์ต</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>เซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>ฐานข้อมูล</translation>
    </message>
    <message>
        <source>This PC only</source>
        <translation>เฉพาะเครื่องนี้</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Approval step</source>
        <translation>ขั้นตอนการอนุมัติ</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>อนุมัติ</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>อนุมัติแล้ว</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>ล้าง</translation>
    </message>
    <message>
        <source>Content fingerprint (SHA-256 of the manifest): {hash}</source>
        <translation>ลายนิ้วมือเนื้อหา (SHA-256 ของรายการไฟล์): {hash}</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <source>Myself</source>
        <translation>ในนามของข้าพเจ้าเอง</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
    <message>
        <source>On behalf of {name} (acting for)</source>
        <translation>ปฏิบัติราชการแทน {name}</translation>
    </message>
    <message>
        <source>Please enter your password.</source>
        <translation>กรุณาใส่รหัสผ่านของท่าน</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>กรุณาระบุเหตุผล</translation>
    </message>
    <message>
        <source>Please sign in the signature box.</source>
        <translation>กรุณาลงลายมือชื่อในช่องลายมือชื่อ</translation>
    </message>
    <message>
        <source>Quick reason</source>
        <translation>เหตุผลที่ใช้บ่อย</translation>
    </message>
    <message>
        <source>Reason / comments</source>
        <translation>เหตุผล / ความเห็น</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>ไม่อนุมัติ</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>ไม่อนุมัติแล้ว</translation>
    </message>
    <message>
        <source>Request: {title}</source>
        <translation>คำขอ: {title}</translation>
    </message>
    <message>
        <source>Return for changes</source>
        <translation>ส่งกลับให้แก้ไข</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>ส่งกลับให้แก้ไขแล้ว</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>ลงนาม</translation>
    </message>
    <message>
        <source>Sign and lock</source>
        <translation>ลงนามและล็อกหน้าจอ</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>ลายมือชื่อ</translation>
    </message>
    <message>
        <source>Signing as</source>
        <translation>ลงนามในฐานะ</translation>
    </message>
    <message>
        <source>Step {step} of {total}: {title}</source>
        <translation>ขั้นตอนที่ {step} จาก {total}: {title}</translation>
    </message>
    <message>
        <source>Your &amp;password</source>
        <translation>&amp;รหัสผ่านของท่าน</translation>
    </message>
    <message>
        <source>{what}: “{title}” ({reference})
Step {step} of {total}, signed by {name} at {time}.</source>
        <translation>{what}: “{title}” ({reference})
ขั้นที่ {step} จาก {total} ลงนามโดย {name} เวลา {time} น.</translation>
    </message>
</context>
<context>
    <name>DecisionFlow</name>
    <message>
        <source>Sign again</source>
        <translation>ลงนามอีกครั้ง</translation>
    </message>
    <message>
        <source>Signed again: “{title}” ({reference}), {n} sign-off(s), by {name}.</source>
        <translation>ลงนามอีกครั้งแล้ว: “{title}” ({reference}) {n} รายการ โดย {name}</translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>มอบหมาย</translation>
    </message>
    <message>
        <source>Delegate my signature (acting for)</source>
        <translation>มอบหมายให้ปฏิบัติราชการแทน</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>การมอบหมาย</translation>
    </message>
    <message>
        <source>From</source>
        <translation>ตั้งแต่วันที่</translation>
    </message>
    <message>
        <source>Note (e.g. official travel)</source>
        <translation>หมายเหตุ (เช่น ไปราชการ)</translation>
    </message>
    <message>
        <source>Please choose a person and both dates.</source>
        <translation>กรุณาเลือกผู้ปฏิบัติราชการแทนและระบุวันที่ให้ครบ</translation>
    </message>
    <message>
        <source>Revoke selected</source>
        <translation>ยกเลิกรายการที่เลือก</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>ถึงวันที่</translation>
    </message>
    <message>
        <source>Who may sign for me</source>
        <translation>ผู้ปฏิบัติราชการแทน</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>ยกเลิกแล้ว</translation>
    </message>
    <message>
        <source>{delegate} signs for {delegator}: {start} – {end}</source>
        <translation>{delegate} ปฏิบัติราชการแทน {delegator}: {start} – {end}</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>Demo SFTP server</source>
        <translation>เซิร์ฟเวอร์ SFTP ทดลอง</translation>
    </message>
    <message>
        <source>Demo web site</source>
        <translation>เว็บไซต์ทดลอง</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ-นามสกุล</translation>
    </message>
    <message>
        <source>Open the demo web site</source>
        <translation>เปิดเว็บไซต์ทดลอง</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <source>Server host key</source>
        <translation>กุญแจของเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Server login / password</source>
        <translation>ชื่อผู้ใช้ / รหัสผ่านเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>This is a demo on a throwaway profile: everything is removed when you quit. Sign in as one of these people (webmasters register and publish, the director approves, the admin manages).</source>
        <translation>นี่คือการทดลองใช้บนโปรไฟล์ชั่วคราว ทุกอย่างจะถูกลบเมื่อปิดโปรแกรม เข้าสู่ระบบด้วยบัญชีใดบัญชีหนึ่งด้านล่าง (ผู้ดูแลเว็บลงทะเบียนและเผยแพร่ ผู้อำนวยการอนุมัติ ผู้ดูแลระบบตั้งค่า)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>WebDesk demo: accounts and servers</source>
        <translation>WebDesk ทดลองใช้: บัญชีผู้ใช้และเซิร์ฟเวอร์</translation>
    </message>
</context>
<context>
    <name>ElsewhereDialog</name>
    <message>
        <source>Page address (URL)</source>
        <translation>ที่อยู่หน้าเว็บ (URL)</translation>
    </message>
    <message>
        <source>Please give the address of the published page.</source>
        <translation>กรุณาระบุที่อยู่ของหน้าเว็บที่เผยแพร่แล้ว</translation>
    </message>
    <message>
        <source>Please say why it was published another way.</source>
        <translation>กรุณาระบุเหตุผลที่เผยแพร่ด้วยวิธีอื่น</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <source>Record as published elsewhere</source>
        <translation>บันทึกว่าเผยแพร่ด้วยวิธีอื่นแล้ว</translation>
    </message>
    <message>
        <source>“{title}” ({reference}) is approved. Record it as published without uploading anything from WebDesk — for example when it was put on the site through the CMS. The address and the reason go into the audit log.</source>
        <translation>“{title}” ({reference}) ได้รับอนุมัติแล้ว บันทึกว่าเผยแพร่แล้วโดยไม่อัปโหลดไฟล์ใดจาก WebDesk เช่น เมื่อนำขึ้นเว็บไซต์ผ่านระบบจัดการเนื้อหา (CMS) เอง ที่อยู่หน้าเว็บและเหตุผลจะถูกบันทึกไว้ในบันทึกการตรวจสอบ</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside WebDesk. Your work was not lost.
The details were written to the log:
{log}
Please tell your administrator.</source>
        <translation>เกิดข้อผิดพลาดภายในโปรแกรม WebDesk งานของท่านไม่สูญหาย
รายละเอียดถูกบันทึกไว้ที่:
{log}
กรุณาแจ้งผู้ดูแลระบบ</translation>
    </message>
    <message>
        <source>WebDesk</source>
        <translation>WebDesk</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>All files of one request</source>
        <translation>ขนาดรวมทุกไฟล์ของคำขอ</translation>
    </message>
    <message>
        <source>Allowed types (checked by content)</source>
        <translation>ชนิดไฟล์ที่อนุญาต (ตรวจจากเนื้อไฟล์)</translation>
    </message>
    <message>
        <source>Files per request (at most 50)</source>
        <translation>จำนวนไฟล์ต่อคำขอ (ไม่เกิน 50)</translation>
    </message>
    <message>
        <source>Largest file</source>
        <translation>ขนาดไฟล์สูงสุด</translation>
    </message>
</context>
<context>
    <name>FinishWizardPage</name>
    <message>
        <source>Setting up…</source>
        <translation>กำลังตั้งค่า…</translation>
    </message>
    <message>
        <source>Something went wrong; see the log.</source>
        <translation>เกิดข้อผิดพลาด ดูรายละเอียดในบันทึก</translation>
    </message>
    <message>
        <source>The agency key</source>
        <translation>กุญแจรับรองของหน่วยงาน</translation>
    </message>
    <message>
        <source>WebDesk is ready. This is the fingerprint of your agency's key: every PC shows it on first use and under Settings. Compare it when a PC is added; if a PC ever shows another one, tell your admin before signing anything.</source>
        <translation>WebDesk พร้อมใช้งานแล้ว นี่คือลายนิ้วมือของกุญแจรับรองของหน่วยงาน ทุกเครื่องจะแสดงค่านี้เมื่อใช้งานครั้งแรกและในหน้าการตั้งค่า กรุณาเทียบเมื่อเพิ่มเครื่องใหม่ หากเครื่องใดแสดงค่าอื่น ให้แจ้งผู้ดูแลระบบก่อนลงนามใด ๆ</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Back</source>
        <translation>ย้อนกลับ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>ถัดไป</translation>
    </message>
    <message>
        <source>Start WebDesk</source>
        <translation>เริ่มใช้งาน WebDesk</translation>
    </message>
    <message>
        <source>WebDesk — first start</source>
        <translation>WebDesk — เริ่มใช้งานครั้งแรก</translation>
    </message>
</context>
<context>
    <name>FormPrinter</name>
    <message>
        <source>Print form (PDF)</source>
        <translation>พิมพ์แบบฟอร์ม (PDF)</translation>
    </message>
    <message>
        <source>The form opened in your PDF viewer.</source>
        <translation>เปิดแบบฟอร์มในโปรแกรมอ่าน PDF แล้ว</translation>
    </message>
    <message>
        <source>The form was written, but no PDF viewer opened it. Open it yourself:
{path}</source>
        <translation>สร้างแบบฟอร์มแล้ว แต่ไม่มีโปรแกรมอ่าน PDF เปิดให้ กรุณาเปิดไฟล์เอง:
{path}</translation>
    </message>
    <message>
        <source>Writing the form…</source>
        <translation>กำลังสร้างแบบฟอร์ม…</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>Approved: ready to publish</source>
        <translation>อนุมัติแล้ว พร้อมเผยแพร่</translation>
    </message>
    <message>
        <source>Audit log: {state}</source>
        <translation>บันทึกการใช้งาน: {state}</translation>
    </message>
    <message>
        <source>BROKEN: {problem}</source>
        <translation>ผิดปกติ: {problem}</translation>
    </message>
    <message>
        <source>Due for takedown within 7 days</source>
        <translation>ครบกำหนดนำลงภายใน 7 วัน</translation>
    </message>
    <message>
        <source>Good day, {name}</source>
        <translation>สวัสดี {name}</translation>
    </message>
    <message>
        <source>Health of this installation</source>
        <translation>สถานะของระบบ</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>สำรองข้อมูลล่าสุด: {when}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>กำลังโหลด…</translation>
    </message>
    <message>
        <source>No requests yet. Register the first one with New request (Ctrl+N) when a unit sends you something to publish.</source>
        <translation>ยังไม่มีคำขอ เมื่อหน่วยงานส่งข้อมูลมาให้เผยแพร่ ให้ลงทะเบียนด้วยปุ่ม ลงทะเบียนคำขอใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>ไม่มีรายการ</translation>
    </message>
    <message>
        <source>Nothing waits for your signature.</source>
        <translation>ไม่มีรายการรอท่านลงนาม</translation>
    </message>
    <message>
        <source>Recently changed</source>
        <translation>เปลี่ยนแปลงล่าสุด</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>รีเฟรช</translation>
    </message>
    <message>
        <source>Requests by state</source>
        <translation>จำนวนคำขอตามสถานะ</translation>
    </message>
    <message>
        <source>Returned to the owner for correction</source>
        <translation>ส่งกลับให้เจ้าของข้อมูลแก้ไข</translation>
    </message>
    <message>
        <source>Upload failed: publish again</source>
        <translation>อัปโหลดไม่สำเร็จ: เผยแพร่อีกครั้ง</translation>
    </message>
    <message>
        <source>Waiting for you to check</source>
        <translation>รอการตรวจสอบ</translation>
    </message>
    <message>
        <source>Waiting for your signature ({n})</source>
        <translation>รอท่านลงนาม ({n})</translation>
    </message>
    <message>
        <source>answers</source>
        <translation>ติดต่อได้</translation>
    </message>
    <message>
        <source>does not answer</source>
        <translation>ติดต่อไม่ได้</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>กำหนด {date}</translation>
    </message>
    <message>
        <source>intact ({n} entries checked)</source>
        <translation>ถูกต้องครบถ้วน (ตรวจ {n} รายการ)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>ยังไม่เคย</translation>
    </message>
    <message>
        <source>no publishing server set up</source>
        <translation>ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
    <message>
        <source>step {step} of {total}</source>
        <translation>ขั้นที่ {step} จาก {total}</translation>
    </message>
</context>
<context>
    <name>HostKeyPrompts</name>
    <message>
        <source>The key of {host}:{port} CHANGED.
Before: {old}
Now: {type} {new}

Trust the new key only if the server's administrator confirms they replaced it; otherwise someone may be intercepting the connection. Replace the old key?</source>
        <translation>กุญแจของ {host}:{port} เปลี่ยนไป (CHANGED)
เดิม: {old}
ใหม่: {type} {new}

ยืนยันกุญแจใหม่เฉพาะเมื่อผู้ดูแลเซิร์ฟเวอร์แจ้งว่าได้เปลี่ยนกุญแจจริง มิฉะนั้นอาจมีผู้ดักฟังการเชื่อมต่อ ต้องการใช้กุญแจใหม่แทนกุญแจเดิมหรือไม่?</translation>
    </message>
    <message>
        <source>The server key CHANGED</source>
        <translation>กุญแจของเซิร์ฟเวอร์เปลี่ยนไป (CHANGED)</translation>
    </message>
    <message>
        <source>This is the first connection to {host}:{port}.
Its {type} key fingerprint is:

{fp}

Compare it with the one your IT staff gave you. Trust this server?</source>
        <translation>เป็นการเชื่อมต่อกับ {host}:{port} ครั้งแรก
ลายนิ้วมือกุญแจ {type} ของเซิร์ฟเวอร์คือ:

{fp}

กรุณาเทียบกับค่าที่ได้รับจากเจ้าหน้าที่ไอที ต้องการเชื่อถือเซิร์ฟเวอร์นี้หรือไม่?</translation>
    </message>
    <message>
        <source>Unknown server key</source>
        <translation>ไม่รู้จักกุญแจของเซิร์ฟเวอร์</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Fit</source>
        <translation>พอดีหน้าต่าง</translation>
    </message>
    <message>
        <source>Web copy {w} × {h} px, {size} (original {ow} × {oh} px, {osize}). It had no metadata to remove.</source>
        <translation>ภาพสำหรับเว็บ {w} × {h} พิกเซล {size} (ต้นฉบับ {ow} × {oh} พิกเซล {osize}) ไม่มีข้อมูลแฝงที่ต้องลบ</translation>
    </message>
    <message>
        <source>Web copy {w} × {h} px, {size} (original {ow} × {oh} px, {osize}). Metadata removed: {removed}</source>
        <translation>ภาพสำหรับเว็บ {w} × {h} พิกเซล {size} (ต้นฉบับ {ow} × {oh} พิกเซล {osize}) ลบข้อมูลแฝงแล้ว: {removed}</translation>
    </message>
</context>
<context>
    <name>InboxTableModel</name>
    <message>
        <source>Due</source>
        <translation>กำหนดเสร็จ</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>เลขที่คำขอ</translation>
    </message>
    <message>
        <source>Signing for</source>
        <translation>ลงนามในนาม</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ขั้นตอน</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>หัวข้อ</translation>
    </message>
    <message>
        <source>myself</source>
        <translation>ตนเอง</translation>
    </message>
</context>
<context>
    <name>LegacyOfficeViewer</name>
    <message>
        <source>Parts inside the file</source>
        <translation>ส่วนประกอบภายในไฟล์</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Quit</source>
        <translation>ปิดโปรแกรม</translation>
    </message>
    <message>
        <source>Sign in to WebDesk</source>
        <translation>เข้าสู่ระบบ WebDesk</translation>
    </message>
    <message>
        <source>This computer is shared. Sign in with your own account; the screen locks again after each decision and when idle.</source>
        <translation>เครื่องนี้ใช้ร่วมกันหลายคน กรุณาเข้าสู่ระบบด้วยบัญชีของท่านเอง หน้าจอจะล็อกอีกครั้งหลังการตัดสินใจแต่ละครั้งและเมื่อไม่มีการใช้งาน</translation>
    </message>
    <message>
        <source>WebDesk is locked</source>
        <translation>WebDesk ถูกล็อกอยู่</translation>
    </message>
    <message>
        <source>WebDesk — locked</source>
        <translation>WebDesk — ล็อกหน้าจอ</translation>
    </message>
    <message>
        <source>WebDesk — sign in</source>
        <translation>WebDesk — เข้าสู่ระบบ</translation>
    </message>
    <message>
        <source>Workstation: {name}</source>
        <translation>เครื่อง: {name}</translation>
    </message>
</context>
<context>
    <name>MailPage</name>
    <message>
        <source>Contact line of notices</source>
        <translation>ข้อความติดต่อท้ายหนังสือแจ้ง</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>การเข้ารหัส</translation>
    </message>
    <message>
        <source>Fiscal year (from October)</source>
        <translation>ปีงบประมาณ (เริ่มตุลาคม)</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>เซิร์ฟเวอร์อีเมล (SMTP)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>รายเดือน</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>พอร์ต</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>รายไตรมาส</translation>
    </message>
    <message>
        <source>Reports cover by default</source>
        <translation>ช่วงเวลาของรายงานโดยปริยาย</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>อีเมลผู้ส่ง</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>ชื่อผู้ส่ง</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Approval steps…</source>
        <translation>ขั้นตอนการอนุมัติ…</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>ลงทะเบียนคำขอใหม่</translation>
    </message>
    <message>
        <source>Notice to owner…</source>
        <translation>หนังสือแจ้งเจ้าของข้อมูล…</translation>
    </message>
    <message>
        <source>Print form (PDF)</source>
        <translation>พิมพ์แบบฟอร์ม (PDF)</translation>
    </message>
    <message>
        <source>Publish all approved…</source>
        <translation>เผยแพร่ทุกรายการที่อนุมัติแล้ว…</translation>
    </message>
    <message>
        <source>Publishing servers…</source>
        <translation>เซิร์ฟเวอร์สำหรับเผยแพร่…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>รีเฟรช</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>ตั้งค่า…</translation>
    </message>
    <message>
        <source>Sign out / switch user</source>
        <translation>ออกจากระบบ / เปลี่ยนผู้ใช้</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>คิวส่งไฟล์</translation>
    </message>
    <message>
        <source>Users…</source>
        <translation>ผู้ใช้งาน…</translation>
    </message>
</context>
<context>
    <name>MainTabs</name>
    <message>
        <source>All requests</source>
        <translation>คำขอทั้งหมด</translation>
    </message>
    <message>
        <source>Awaiting my signature ({n})</source>
        <translation>รอฉันลงนาม ({n})</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>หน้าแรก</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>An upload is still running. Quit anyway? (Nothing half-published stays on the site; publish again later to finish.)</source>
        <translation>ยังมีการอัปโหลดอยู่ ต้องการปิดโปรแกรมหรือไม่? (จะไม่มีข้อมูลที่อัปโหลดไม่ครบค้างอยู่บนเว็บไซต์ สามารถสั่งเผยแพร่ใหม่ภายหลังได้)</translation>
    </message>
    <message>
        <source>Loading the requests…</source>
        <translation>กำลังโหลดรายการคำขอ…</translation>
    </message>
    <message>
        <source>Signed in: {name} ({roles})</source>
        <translation>ผู้ใช้งาน: {name} ({roles})</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>เครื่องมือ</translation>
    </message>
    <message>
        <source>WebDesk — website publication requests</source>
        <translation>WebDesk — คำขอเผยแพร่ข้อมูลผ่านเว็บไซต์</translation>
    </message>
    <message>
        <source>{shown} of {total} requests</source>
        <translation>แสดง {shown} จาก {total} คำขอ</translation>
    </message>
    <message>
        <source>⚠ {due} due for takedown</source>
        <translation>⚠ ครบกำหนดนำลง {due} รายการ</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Copied. Paste it into your e-mail or letter.</source>
        <translation>คัดลอกแล้ว วางลงในอีเมลหรือหนังสือได้เลย</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>คัดลอก</translation>
    </message>
    <message>
        <source>Mail server password</source>
        <translation>รหัสผ่านเซิร์ฟเวอร์อีเมล</translation>
    </message>
    <message>
        <source>No mail server is configured.</source>
        <translation>ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล</translation>
    </message>
    <message>
        <source>Notice to the information owner</source>
        <translation>หนังสือแจ้งเจ้าของข้อมูล</translation>
    </message>
    <message>
        <source>Send e-mail</source>
        <translation>ส่งอีเมล</translation>
    </message>
    <message>
        <source>Sending failed.</source>
        <translation>ส่งไม่สำเร็จ</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>กำลังส่ง…</translation>
    </message>
    <message>
        <source>Sent.</source>
        <translation>ส่งแล้ว</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>เรื่อง</translation>
    </message>
    <message>
        <source>To</source>
        <translation>ถึง</translation>
    </message>
</context>
<context>
    <name>PagePreviewWidget</name>
    <message>
        <source>Desktop</source>
        <translation>จอคอมพิวเตอร์</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>เปิดในเว็บเบราว์เซอร์</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>โทรศัพท์มือถือ</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Fit width</source>
        <translation>พอดีความกว้าง</translation>
    </message>
    <message>
        <source>of {count} pages</source>
        <translation>จาก {count} หน้า</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Change the publication period</source>
        <translation>เปลี่ยนระยะเวลาเผยแพร่</translation>
    </message>
    <message>
        <source>Please give the new takedown date.</source>
        <translation>กรุณาระบุวันที่นำลงใหม่</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <source>Take down on</source>
        <translation>นำลงวันที่</translation>
    </message>
    <message>
        <source>“{title}” ({reference}) is published until {date}.</source>
        <translation>“{title}” ({reference}) เผยแพร่ถึงวันที่ {date}</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Full name</source>
        <translation>ชื่อ-นามสกุล</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>ผู้ใช้งาน</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>รหัสผ่านของผู้ใช้</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Loading {name}…</source>
        <translation>กำลังเปิด {name}…</translation>
    </message>
    <message>
        <source>Select a file to preview it.</source>
        <translation>เลือกไฟล์เพื่อดูตัวอย่าง</translation>
    </message>
</context>
<context>
    <name>PublishController</name>
    <message>
        <source>No approved requests are waiting.</source>
        <translation>ไม่มีคำขอที่อนุมัติแล้วรอเผยแพร่</translation>
    </message>
    <message>
        <source>No publishing server</source>
        <translation>ยังไม่มีเซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
    <message>
        <source>No publishing server is set up yet, so nothing can be uploaded.
An administrator sets one up under Publishing servers…, or, if it was put on the site another way, records it as published elsewhere.</source>
        <translation>ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่ จึงอัปโหลดไม่ได้
ผู้ดูแลระบบตั้งค่าได้ที่เมนู เซิร์ฟเวอร์สำหรับเผยแพร่… หรือหากนำขึ้นเว็บไซต์ด้วยวิธีอื่นแล้ว ผู้ดูแลระบบบันทึกว่าเผยแพร่ด้วยวิธีอื่นแล้วได้</translation>
    </message>
    <message>
        <source>Taking down “{title}” ({reference}).
Reason:</source>
        <translation>นำ “{title}” ({reference}) ลงจากเว็บไซต์
เหตุผล:</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;เลือก</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;เปิด</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;บันทึก</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>ย้อนกลับ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>สร้างโฟลเดอร์ใหม่</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>วันที่แก้ไข</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>มุมมองรายละเอียด</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;ชื่อไฟล์:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>ชนิดไฟล์:</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>ไปข้างหน้า</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>มุมมองรายการ</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>ค้นหาใน:</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>คอมพิวเตอร์ของฉัน</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>โฟลเดอร์ระดับบน</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ขนาด</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ชนิด</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Date Modified</source>
        <translation>วันที่แก้ไข</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ขนาด</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ชนิด</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;คัดลอก</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;วาง</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;ทำซ้ำ</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;เลิกทำ</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;ตัด</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>เลือกทั้งหมด</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Hide Details...</source>
        <translation>ซ่อนรายละเอียด...</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>แสดงรายละเอียด...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;ยกเลิก</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;ปิด</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>ไ&amp;ม่ใช่</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;ตกลง</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;เปิด</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;บันทึก</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;ใช่</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>ยกเลิกการทำงาน</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>นำไปใช้</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>ไม่บันทึก</translation>
    </message>
    <message>
        <source>Don't Save</source>
        <translation>ไม่บันทึก</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ช่วยเหลือ</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>ข้าม</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>ไม่ใช่ทั้ง&amp;หมด</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ไม่ใช่</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>คืนค่า</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>คืนค่าเริ่มต้น</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>ลองใหม่</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>ใช่&amp;ทั้งหมด</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;คัดลอก</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;วาง</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;ทำซ้ำ</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;เลิกทำ</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;ตัด</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>เลือกทั้งหมด</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;ย้อนกลับ</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;เสร็จสิ้น</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;ถัดไป</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;ถัดไป &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;ย้อนกลับ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;หมวดหมู่</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;สถานะ</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>ทุกหมวดหมู่</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>ทุกสถานะ</translation>
    </message>
    <message>
        <source>Due for takedown</source>
        <translation>ครบกำหนดนำลง</translation>
    </message>
    <message>
        <source>Open (to do)</source>
        <translation>ยังไม่เสร็จ (ต้องดำเนินการ)</translation>
    </message>
    <message>
        <source>Search title, reference, unit…</source>
        <translation>ค้นหาหัวข้อ เลขที่คำขอ หน่วยงาน…</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Please give a reason.</source>
        <translation>กรุณาระบุเหตุผล</translation>
    </message>
</context>
<context>
    <name>RemoteFolderDialog</name>
    <message>
        <source>(only the first ones are shown)</source>
        <translation>(แสดงเฉพาะส่วนแรก)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Choose this folder</source>
        <translation>เลือกโฟลเดอร์นี้</translation>
    </message>
    <message>
        <source>Folders on {server}</source>
        <translation>โฟลเดอร์บน {server}</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>ไป</translation>
    </message>
    <message>
        <source>Reading the folder on the server…</source>
        <translation>กำลังอ่านโฟลเดอร์บนเซิร์ฟเวอร์…</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>ขึ้นไปหนึ่งระดับ</translation>
    </message>
    <message>
        <source>{folders} folders, {files} files</source>
        <translation>{folders} โฟลเดอร์ {files} ไฟล์</translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>แ&amp;ก้ไข…</translation>
    </message>
    <message>
        <source>Change the period…</source>
        <translation>เปลี่ยนระยะเวลาเผยแพร่…</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>ติดต่อ</translation>
    </message>
    <message>
        <source>Copy into a new draft</source>
        <translation>คัดลอกเป็นร่างคำขอใหม่</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ไฟล์แนบ</translation>
    </message>
    <message>
        <source>History</source>
        <translation>ประวัติการดำเนินการ</translation>
    </message>
    <message>
        <source>Loading the request…</source>
        <translation>กำลังโหลดคำขอ…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>ผู้ดำเนินการถัดไป</translation>
    </message>
    <message>
        <source>No files</source>
        <translation>ไม่มีไฟล์แนบ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <source>Record as published elsewhere…</source>
        <translation>บันทึกว่าเผยแพร่ด้วยวิธีอื่นแล้ว…</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>ไม่อนุมัติ</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>ส่งกลับให้แก้ไข</translation>
    </message>
    <message>
        <source>See the Checklist tab</source>
        <translation>ดูแท็บรายการตรวจสอบ</translation>
    </message>
    <message>
        <source>Select a request to see its details.</source>
        <translation>เลือกคำขอเพื่อดูรายละเอียด</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;โหลดใหม่</translation>
    </message>
    <message>
        <source>* required for this category</source>
        <translation>* จำเป็นสำหรับหมวดหมู่นี้</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>ไฟล์แนบ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Load the request as it is now stored (what you typed since the last save is replaced)</source>
        <translation>โหลดคำขอตามที่บันทึกไว้ล่าสุด (ข้อความที่พิมพ์หลังการบันทึกครั้งก่อนจะถูกแทนที่)</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>คำขอใหม่</translation>
    </message>
    <message>
        <source>Publication request</source>
        <translation>คำขอเผยแพร่ข้อมูลผ่านเว็บไซต์</translation>
    </message>
    <message>
        <source>Request {reference} — {state}</source>
        <translation>คำขอ {reference} — {state}</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>บันทึกร่าง (&amp;D)</translation>
    </message>
    <message>
        <source>Save the changes as a draft?</source>
        <translation>ต้องการบันทึกการแก้ไขเป็นร่างหรือไม่?</translation>
    </message>
    <message>
        <source>Saved as draft: {reference}</source>
        <translation>บันทึกร่างแล้ว: {reference}</translation>
    </message>
    <message>
        <source>Saved: {reference}</source>
        <translation>บันทึกแล้ว: {reference}</translation>
    </message>
    <message>
        <source>Sub&amp;mit</source>
        <translation>ส่งคำขอ (&amp;M)</translation>
    </message>
    <message>
        <source>Submitted: now {state}</source>
        <translation>ส่งแล้ว: สถานะปัจจุบัน {state}</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>&amp;Category</source>
        <translation>หมวดหมู่ (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remarks</source>
        <translation>หมายเหตุ (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>รายละเอียดข้อมูลโดยย่อ (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>หัวข้อ (&amp;T)</translation>
    </message>
    <message>
        <source>Bod&amp;y</source>
        <translation>เนื้อหา (&amp;Y)</translation>
    </message>
    <message>
        <source>Cha&amp;nnel</source>
        <translation>ช่องทางที่รับ (&amp;N)</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>เนื้อหาที่จะเผยแพร่</translation>
    </message>
    <message>
        <source>Date recei&amp;ved</source>
        <translation>วันที่รับเรื่อง (&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;xpiry (takedown) date</source>
        <translation>วันที่นำลง (&amp;X)</translation>
    </message>
    <message>
        <source>E-mai&amp;l</source>
        <translation>อีเมล (&amp;L)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <source>External lin&amp;k</source>
        <translation>ลิงก์ภายนอก (&amp;K)</translation>
    </message>
    <message>
        <source>Information &amp;period from</source>
        <translation>ข้อมูลตั้งแต่วันที่ (&amp;P)</translation>
    </message>
    <message>
        <source>Letter num&amp;ber</source>
        <translation>เลขที่หนังสือ (&amp;B)</translation>
    </message>
    <message>
        <source>Official letter</source>
        <translation>หนังสือราชการ</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>ช่องทางอื่น</translation>
    </message>
    <message>
        <source>Phon&amp;e</source>
        <translation>โทรศัพท์ (&amp;E)</translation>
    </message>
    <message>
        <source>Pos&amp;ition</source>
        <translation>ตำแหน่ง (&amp;I)</translation>
    </message>
    <message>
        <source>Publis&amp;h date</source>
        <translation>วันที่ขอเผยแพร่ (&amp;H)</translation>
    </message>
    <message>
        <source>Requester and receipt</source>
        <translation>ผู้ขอและการรับเรื่อง</translation>
    </message>
    <message>
        <source>Requester n&amp;ame</source>
        <translation>ชื่อผู้ขอ (&amp;A)</translation>
    </message>
    <message>
        <source>Requesting &amp;unit</source>
        <translation>หน่วยงานผู้ขอ (&amp;U)</translation>
    </message>
    <message>
        <source>S&amp;ource / data owner</source>
        <translation>แหล่งที่มา/เจ้าของข้อมูล (&amp;O)</translation>
    </message>
    <message>
        <source>Sub-cate&amp;gory</source>
        <translation>หมวดหมู่ย่อย (&amp;G)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>ถึง</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— เลือก —</translation>
    </message>
</context>
<context>
    <name>RequestPreviewTabs</name>
    <message>
        <source>Checklist</source>
        <translation>รายการตรวจสอบ</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ไฟล์แนบ</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>หน้าเว็บ</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>กำหนดเสร็จ</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>วันที่รับ</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>เลขที่คำขอ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>หัวข้อ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>หน่วยงาน</translation>
    </message>
</context>
<context>
    <name>RequestWork</name>
    <message>
        <source>Copied into a new draft.</source>
        <translation>คัดลอกเป็นร่างคำขอใหม่แล้ว</translation>
    </message>
    <message>
        <source>Done: now {state}</source>
        <translation>เรียบร้อย: สถานะปัจจุบัน {state}</translation>
    </message>
    <message>
        <source>{action}: “{title}” ({reference})
Reason (the information owner will be told):</source>
        <translation>{action}: “{title}” ({reference})
เหตุผล (จะแจ้งให้เจ้าของข้อมูลทราบ):</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Archive folder (outside the web root)</source>
        <translation>โฟลเดอร์เก็บถาวร (นอกโฟลเดอร์เว็บ)</translation>
    </message>
    <message>
        <source>Browse the server…</source>
        <translation>เลือกจากเซิร์ฟเวอร์…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>เลือกไฟล์…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Connected to {where}, but: {problems}</source>
        <translation>เชื่อมต่อ {where} ได้ แต่: {problems}</translation>
    </message>
    <message>
        <source>Connected to {where}: web root and archive are ready; uploads wait outside the web root in {path}.</source>
        <translation>เชื่อมต่อ {where} ได้: โฟลเดอร์เว็บและโฟลเดอร์เก็บถาวรพร้อมใช้งาน ไฟล์ที่อัปโหลดพักอยู่นอกโฟลเดอร์เว็บที่ {path}</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <source>Files only (URLs to paste into the CMS)</source>
        <translation>เฉพาะไฟล์ (ได้ URL ไปวางในระบบจัดการเนื้อหา)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ที่อยู่เครื่อง</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>ไฟล์กุญแจ</translation>
    </message>
    <message>
        <source>Larger files are checked by size and by reading back the first, the last and a random sixteenth of their chunks: reading every byte back doubles the transfer.</source>
        <translation>ไฟล์ที่ใหญ่กว่านี้จะตรวจขนาด และอ่านกลับตรวจส่วนแรก ส่วนท้าย และสุ่มอีกราวหนึ่งในสิบหกส่วน เพราะการอ่านกลับทุกไบต์ทำให้ต้องรับส่งข้อมูลเป็นสองเท่า</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>รูปแบบการเผยแพร่</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>New server profile…</source>
        <translation>เพิ่มโปรไฟล์เซิร์ฟเวอร์ใหม่…</translation>
    </message>
    <message>
        <source>Parallel channels</source>
        <translation>จำนวนช่องส่งข้อมูลพร้อมกัน</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Password / passphrase</source>
        <translation>รหัสผ่าน / วลีรหัสกุญแจ</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>พอร์ต</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>ไฟล์กุญแจส่วนตัว</translation>
    </message>
    <message>
        <source>Public URL of the web root</source>
        <translation>URL สาธารณะของโฟลเดอร์เว็บ</translation>
    </message>
    <message>
        <source>Publishing server</source>
        <translation>เซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
    <message>
        <source>Read back in full up to</source>
        <translation>อ่านกลับตรวจทั้งไฟล์ได้ไม่เกิน</translation>
    </message>
    <message>
        <source>Reconnect attempts</source>
        <translation>จำนวนครั้งที่เชื่อมต่อใหม่</translation>
    </message>
    <message>
        <source>Reconnects in a row that make no progress before publishing gives up</source>
        <translation>จำนวนครั้งที่เชื่อมต่อใหม่ติดต่อกันโดยไม่มีความคืบหน้า ก่อนหยุดการเผยแพร่</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>บันทึกแล้ว</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>โปรไฟล์เซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Sign-in by</source>
        <translation>วิธียืนยันตัวตน</translation>
    </message>
    <message>
        <source>Site pages (files, item page, index and feed)</source>
        <translation>หน้าเว็บ (ไฟล์ หน้ารายการ หน้ารวม และฟีด)</translation>
    </message>
    <message>
        <source>Staging folder (outside the web root)</source>
        <translation>โฟลเดอร์พักไฟล์ (นอกโฟลเดอร์เว็บ)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>เวลารอสูงสุด (วินาที)</translation>
    </message>
    <message>
        <source>Use this server when none is chosen (default)</source>
        <translation>ใช้เซิร์ฟเวอร์นี้เมื่อไม่ได้เลือกเซิร์ฟเวอร์ (ค่าเริ่มต้น)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ชื่อผู้ใช้บนเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Verify every file by reading it back (SHA-256)</source>
        <translation>ตรวจสอบทุกไฟล์โดยอ่านกลับมาเทียบ (SHA-256)</translation>
    </message>
    <message>
        <source>Web root</source>
        <translation>โฟลเดอร์เว็บ (web root)</translation>
    </message>
    <message>
        <source>e.g. agency website</source>
        <translation>เช่น เว็บไซต์หน่วยงาน</translation>
    </message>
    <message>
        <source>empty: next to the web root</source>
        <translation>เว้นว่าง: ถัดจากโฟลเดอร์เว็บ</translation>
    </message>
    <message>
        <source>kept in the OS keyring, or for this session</source>
        <translation>เก็บในที่เก็บรหัสผ่านของระบบ หรือเฉพาะรอบนี้</translation>
    </message>
    <message>
        <source>ssh-agent</source>
        <translation>ssh-agent</translation>
    </message>
    <message>
        <source>the archive folder is missing</source>
        <translation>ไม่พบโฟลเดอร์เก็บถาวร</translation>
    </message>
    <message>
        <source>the server cannot rename atomically (posix-rename)</source>
        <translation>เซิร์ฟเวอร์เปลี่ยนชื่อไฟล์แบบอะตอมมิกไม่ได้ (posix-rename)</translation>
    </message>
    <message>
        <source>the web root folder is missing</source>
        <translation>ไม่พบโฟลเดอร์เว็บ</translation>
    </message>
    <message>
        <source>uploads wait in a hidden folder INSIDE the web root ({path}), private only if the web server runs as another user; give a staging folder outside it that this account may write to, on the same disk</source>
        <translation>ไฟล์ที่อัปโหลดพักอยู่ในโฟลเดอร์ซ่อนภายในโฟลเดอร์เว็บ ({path}) ซึ่งเป็นส่วนตัวเฉพาะเมื่อเว็บเซิร์ฟเวอร์ทำงานด้วยผู้ใช้อื่น กรุณาระบุโฟลเดอร์พักไฟล์นอกโฟลเดอร์เว็บ ที่บัญชีนี้เขียนได้และอยู่บนดิสก์เดียวกัน</translation>
    </message>
</context>
<context>
    <name>ServerPasswordDialog</name>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;รหัสผ่าน</translation>
    </message>
    <message>
        <source>Keep it in this computer's password store (keyring)</source>
        <translation>เก็บไว้ในที่เก็บรหัสผ่านของเครื่องนี้ (keyring)</translation>
    </message>
    <message>
        <source>Otherwise it is kept only until you sign out.</source>
        <translation>ถ้าไม่เลือก จะจำไว้จนกว่าจะออกจากระบบเท่านั้น</translation>
    </message>
    <message>
        <source>Password for {user}@{host} (server “{name}”).</source>
        <translation>รหัสผ่านของ {user}@{host} (เซิร์ฟเวอร์ “{name}”)</translation>
    </message>
    <message>
        <source>Server password</source>
        <translation>รหัสผ่านเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>This computer has no password store: it is kept only until you sign out.</source>
        <translation>เครื่องนี้ไม่มีที่เก็บรหัสผ่าน จะจำไว้จนกว่าจะออกจากระบบเท่านั้น</translation>
    </message>
</context>
<context>
    <name>ServerWizardPage</name>
    <message>
        <source>Archive folder (outside the web root)</source>
        <translation>โฟลเดอร์เก็บถาวร (นอกโฟลเดอร์เว็บ)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <source>Fill in the server, show its key and confirm you compared it (or untick “Set up the publishing server now”).</source>
        <translation>กรุณากรอกข้อมูลเซิร์ฟเวอร์ แสดงกุญแจ และยืนยันว่าได้เทียบแล้ว (หรือเอาเครื่องหมายออกจาก “ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่ตอนนี้”)</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the one our IT staff gave me, and it is the same</source>
        <translation>ข้าพเจ้าได้เทียบลายนิ้วมือนี้กับค่าที่ได้รับจากเจ้าหน้าที่ไอทีแล้ว และตรงกัน</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>พอร์ต</translation>
    </message>
    <message>
        <source>Public URL of the web root</source>
        <translation>URL สาธารณะของโฟลเดอร์เว็บ</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>เซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Set up the publishing server now</source>
        <translation>ตั้งค่าเซิร์ฟเวอร์สำหรับเผยแพร่ตอนนี้</translation>
    </message>
    <message>
        <source>Show the server's key</source>
        <translation>แสดงกุญแจของเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>The publishing server</source>
        <translation>เซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>Web root</source>
        <translation>โฟลเดอร์เว็บ (web root)</translation>
    </message>
    <message>
        <source>Where approved items go (SFTP). You can also do this later under Publishing server.</source>
        <translation>ที่สำหรับนำรายการที่อนุมัติแล้วขึ้นเว็บไซต์ (SFTP) ตั้งค่าภายหลังได้ที่เมนูเซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Agency</source>
        <translation>หน่วยงาน</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>E-mail and reports</source>
        <translation>อีเมลและรายงาน</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <source>Not saved: 1 value needs changing (see the red field).</source>
        <translation>ยังไม่ได้บันทึก: มี 1 ค่าที่ต้องแก้ไข (ดูช่องสีแดง)</translation>
    </message>
    <message>
        <source>Not saved: {n} values need changing (see the red fields).</source>
        <translation>ยังไม่ได้บันทึก: มี {n} ค่าที่ต้องแก้ไข (ดูช่องสีแดง)</translation>
    </message>
    <message>
        <source>Open the publishing servers…</source>
        <translation>เปิดหน้าต่างเซิร์ฟเวอร์สำหรับเผยแพร่…</translation>
    </message>
    <message>
        <source>Publishing servers</source>
        <translation>เซิร์ฟเวอร์สำหรับเผยแพร่</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>บันทึกแล้ว</translation>
    </message>
    <message>
        <source>Server profiles (host, login, web root, archive folder), their host keys and which one is the default are kept in the server dialog.</source>
        <translation>ข้อมูลเซิร์ฟเวอร์ (ที่อยู่เครื่อง ชื่อผู้ใช้ โฟลเดอร์เว็บ โฟลเดอร์เก็บถาวร) กุญแจของเซิร์ฟเวอร์ และเซิร์ฟเวอร์หลัก ตั้งค่าได้ในหน้าต่างเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>การตั้งค่า</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>เครื่องนี้</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>กำหนดเวลา</translation>
    </message>
</context>
<context>
    <name>SheetViewer</name>
    <message>
        <source>Showing the first {n} rows of: {sheets}</source>
        <translation>แสดง {n} แถวแรกของแผ่นงาน: {sheets}</translation>
    </message>
    <message>
        <source>{count} sheets, every row shown</source>
        <translation>{count} แผ่นงาน แสดงครบทุกแถว</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;รหัสผ่าน</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>ชื่อ&amp;ผู้ใช้</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>กำลังตรวจสอบ…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>กำลังเปิดฐานข้อมูล…</translation>
    </message>
    <message>
        <source>Opening the database… you are signed in as soon as it is open.</source>
        <translation>กำลังเปิดฐานข้อมูล… ท่านจะเข้าสู่ระบบทันทีที่เปิดเสร็จ</translation>
    </message>
    <message>
        <source>Please enter your user name.</source>
        <translation>กรุณาใส่ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>เข้าสู่ระบบ</translation>
    </message>
</context>
<context>
    <name>SiteReconcile</name>
    <message>
        <source>{server}: not checked ({reason})</source>
        <translation>{server}: ยังไม่ได้ตรวจสอบ ({reason})</translation>
    </message>
    <message>
        <source>{server}: repaired what an interrupted publish left</source>
        <translation>{server}: แก้ไขสิ่งที่การเผยแพร่ที่ถูกขัดจังหวะทิ้งไว้เรียบร้อยแล้ว</translation>
    </message>
    <message>
        <source>{server}: site and records agree</source>
        <translation>{server}: เว็บไซต์และบันทึกตรงกัน</translation>
    </message>
    <message>
        <source>{server}: {count} recorded items are NOT on the site</source>
        <translation>{server}: มี {count} รายการที่บันทึกว่าเผยแพร่แล้วแต่ไม่อยู่บนเว็บไซต์</translation>
    </message>
</context>
<context>
    <name>SurveyMappingDialog</name>
    <message>
        <source>Answers (sample)</source>
        <translation>ตัวอย่างคำตอบ</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>คอลัมน์</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>ข้อเสนอแนะ</translation>
    </message>
    <message>
        <source>Counts as</source>
        <translation>นับเป็น</translation>
    </message>
    <message>
        <source>Date answered</source>
        <translation>วันที่ตอบ</translation>
    </message>
    <message>
        <source>Do not count</source>
        <translation>ไม่นับ</translation>
    </message>
    <message>
        <source>Question (1-5)</source>
        <translation>คำถาม (1-5)</translation>
    </message>
    <message>
        <source>Remembered from the last import of this form.</source>
        <translation>ใช้การจับคู่คอลัมน์ที่จำไว้จากการนำเข้าแบบสำรวจนี้ครั้งก่อน</translation>
    </message>
    <message>
        <source>Suggested from the headers and the answers; check each column. WebDesk remembers your choice for this form.</source>
        <translation>ระบบเสนอจากหัวคอลัมน์และคำตอบ กรุณาตรวจสอบแต่ละคอลัมน์ WebDesk จะจำการเลือกนี้ไว้สำหรับแบบสำรวจนี้</translation>
    </message>
    <message>
        <source>Survey columns</source>
        <translation>คอลัมน์ของแบบสำรวจ</translation>
    </message>
</context>
<context>
    <name>ThisPcPage</name>
    <message>
        <source> minute</source>
        <translation> นาที</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> นาที</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>สำรองข้อมูลอัตโนมัติ</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>จำนวนไฟล์สำรองที่เก็บ</translation>
    </message>
    <message>
        <source>Fast SFTP sending</source>
        <translation>ส่งไฟล์ SFTP แบบเร็ว</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>ล็อกหน้าจอ</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>ล็อกเมื่อไม่ใช้งานนาน</translation>
    </message>
    <message>
        <source>Preview cache</source>
        <translation>แคชภาพตัวอย่าง</translation>
    </message>
    <message>
        <source>Shared PC</source>
        <translation>เครื่องใช้ร่วมกัน</translation>
    </message>
    <message>
        <source>after each sign-off</source>
        <translation>หลังการลงนามแต่ละครั้ง</translation>
    </message>
    <message>
        <source>on (switched off by itself if its check fails)</source>
        <translation>เปิด (ปิดเองอัตโนมัติหากการตรวจสอบไม่ผ่าน)</translation>
    </message>
    <message>
        <source>on, at most</source>
        <translation>เปิด ไม่เกิน</translation>
    </message>
    <message>
        <source>once a day, when the app starts</source>
        <translation>วันละครั้ง เมื่อเปิดโปรแกรม</translation>
    </message>
    <message>
        <source>several people use this PC</source>
        <translation>มีหลายคนใช้เครื่องนี้</translation>
    </message>
</context>
<context>
    <name>TimePage</name>
    <message>
        <source> working day</source>
        <translation> วันทำการ</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> วันทำการ</translation>
    </message>
    <message>
        <source>Each step within</source>
        <translation>แต่ละขั้นตอนภายใน</translation>
    </message>
    <message>
        <source>Holidays (one a line, day/month/year)</source>
        <translation>วันหยุด (บรรทัดละหนึ่งวัน วว/ดด/ปปปป แบบ พ.ศ.)</translation>
    </message>
    <message>
        <source>Publish within (from receipt)</source>
        <translation>เผยแพร่ภายใน (นับจากวันรับเรื่อง)</translation>
    </message>
    <message>
        <source>e.g. 13/04/2026</source>
        <translation>เช่น 13/04/2569</translation>
    </message>
</context>
<context>
    <name>TransferDock</name>
    <message>
        <source>Transfers</source>
        <translation>คิวส่งไฟล์</translation>
    </message>
</context>
<context>
    <name>TransferItems</name>
    <message>
        <source>Ask the server's administrator to fix this on the server, then choose Retry.</source>
        <translation>แจ้งผู้ดูแลเซิร์ฟเวอร์ให้แก้ไขที่เซิร์ฟเวอร์ แล้วกด ลองใหม่</translation>
    </message>
    <message>
        <source>Check the network connection and that the server is on, then choose Retry.</source>
        <translation>ตรวจสอบการเชื่อมต่อเครือข่ายและดูว่าเซิร์ฟเวอร์เปิดอยู่ แล้วกด ลองใหม่</translation>
    </message>
    <message>
        <source>Choose Retry and type the server password again; if it is refused again, ask the server's administrator.</source>
        <translation>กด ลองใหม่ แล้วพิมพ์รหัสผ่านเซิร์ฟเวอร์อีกครั้ง หากยังถูกปฏิเสธ ให้สอบถามผู้ดูแลเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Choose Retry to start it again.</source>
        <translation>กด ลองใหม่ เพื่อเริ่มอีกครั้ง</translation>
    </message>
    <message>
        <source>Choose Retry: WebDesk first checks the site and completes or undoes what was left, then publishes.</source>
        <translation>กด ลองใหม่ โปรแกรมจะตรวจสอบเว็บไซต์ก่อน ทำส่วนที่ค้างให้ครบหรือย้อนกลับ แล้วจึงเผยแพร่</translation>
    </message>
    <message>
        <source>Do not retry yet: ask an administrator to confirm the server's key (Publishing servers…).</source>
        <translation>อย่าเพิ่งลองใหม่ ให้ผู้ดูแลระบบยืนยันกุญแจของเซิร์ฟเวอร์ก่อน (เมนู เซิร์ฟเวอร์สำหรับเผยแพร่…)</translation>
    </message>
    <message>
        <source>Fix the cause and choose Retry.</source>
        <translation>แก้ไขสาเหตุแล้วกด ลองใหม่</translation>
    </message>
    <message>
        <source>The request changed meanwhile: refresh the queue and check it before trying again.</source>
        <translation>คำขอนี้มีการเปลี่ยนแปลงระหว่างนี้ กรุณารีเฟรชรายการและตรวจสอบก่อนลองอีกครั้ง</translation>
    </message>
    <message>
        <source>Wait until the other PC has finished, then refresh the queue: choose Retry only if the request is still approved.</source>
        <translation>รอให้เครื่องนั้นเผยแพร่เสร็จ แล้วกดรีเฟรชรายการ — กด ลองใหม่ เฉพาะเมื่อคำขอยังอยู่ในสถานะอนุมัติแล้ว</translation>
    </message>
</context>
<context>
    <name>TransferQueuePanel</name>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;ลองใหม่</translation>
    </message>
    <message>
        <source>An internal error occurred; it was written to the log.</source>
        <translation>เกิดข้อผิดพลาดภายในโปรแกรม บันทึกรายละเอียดไว้ในล็อกแล้ว</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Cancelling… the server is left as it was.</source>
        <translation>กำลังยกเลิก… เซิร์ฟเวอร์จะคงสภาพเดิม</translation>
    </message>
    <message>
        <source>Choose Retry to enter it.</source>
        <translation>กด ลองใหม่ เพื่อใส่รหัสผ่าน</translation>
    </message>
    <message>
        <source>Choose Retry; if it fails again, send the log to your IT staff.</source>
        <translation>กด ลองใหม่ หากยังไม่สำเร็จ ให้ส่งบันทึกข้อผิดพลาดให้เจ้าหน้าที่ไอที</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>ล้างรายการที่เสร็จแล้ว</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>คัดลอกลิงก์</translation>
    </message>
    <message>
        <source>Done: {n} of {total}</source>
        <translation>เสร็จแล้ว {n} จาก {total} รายการ</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ไม่สำเร็จ</translation>
    </message>
    <message>
        <source>Failed: {failed} of {total} did not go through</source>
        <translation>ไม่สำเร็จ {failed} จาก {total} รายการ</translation>
    </message>
    <message>
        <source>Failed: {title}</source>
        <translation>ไม่สำเร็จ: {title}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>รายการ</translation>
    </message>
    <message>
        <source>Not done: the server password was not given.</source>
        <translation>ยังไม่ได้ดำเนินการ เพราะไม่ได้ใส่รหัสผ่านเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <source>Nothing has been sent yet. Publishing and taking down show here, with their progress.</source>
        <translation>ยังไม่มีการส่งไฟล์ การเผยแพร่และการนำข้อมูลลงจะแสดงที่นี่ พร้อมความคืบหน้า</translation>
    </message>
    <message>
        <source>Open on site</source>
        <translation>เปิดดูบนเว็บไซต์</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>เผยแพร่แล้ว</translation>
    </message>
    <message>
        <source>Published: {title}</source>
        <translation>เผยแพร่แล้ว: {title}</translation>
    </message>
    <message>
        <source>Retry &amp;all failed</source>
        <translation>ลองใหม่&amp;ทุกรายการที่ไม่สำเร็จ</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>ความเร็ว</translation>
    </message>
    <message>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Taken down</source>
        <translation>นำลงแล้ว</translation>
    </message>
    <message>
        <source>Taking down…</source>
        <translation>กำลังนำลง…</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>เวลาที่เหลือ</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>คิวส่งไฟล์</translation>
    </message>
    <message>
        <source>Uploading {percent}%</source>
        <translation>กำลังอัปโหลด {percent}%</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>รอคิว</translation>
    </message>
    <message>
        <source>Waiting to take down</source>
        <translation>รอคิวนำลง</translation>
    </message>
    <message>
        <source>Waiting: {total} items</source>
        <translation>รอคิว {total} รายการ</translation>
    </message>
    <message>
        <source>What to do: {step}</source>
        <translation>สิ่งที่ควรทำ: {step}</translation>
    </message>
    <message>
        <source>Working on {n} of {total}: {title}</source>
        <translation>กำลังดำเนินการรายการที่ {n} จาก {total}: {title}</translation>
    </message>
    <message>
        <source>{done} of {total} · {files} files done</source>
        <translation>{done} จาก {total} · เสร็จ {files} ไฟล์</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} วินาที</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Active</source>
        <translation>ใช้งานได้</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>เพิ่ม {name} แล้ว</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>เพิ่ม…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>ระงับ</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>เปิดใช้</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ชื่อ-นามสกุล</translation>
    </message>
    <message>
        <source>New password set for {name}.</source>
        <translation>ตั้งรหัสผ่านใหม่ให้ {name} แล้ว</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>ตั้งรหัสผ่านใหม่…</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <source>Roles of {name} changed.</source>
        <translation>เปลี่ยนบทบาทของ {name} แล้ว</translation>
    </message>
    <message>
        <source>Roles…</source>
        <translation>บทบาท…</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>กุญแจลงนาม</translation>
    </message>
    <message>
        <source>Type your own password first.</source>
        <translation>กรุณาพิมพ์รหัสผ่านของท่านก่อน</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ปลดล็อก</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ผู้ใช้งาน</translation>
    </message>
    <message>
        <source>Your password (administrator)</source>
        <translation>รหัสผ่านของท่าน (ผู้ดูแลระบบ)</translation>
    </message>
    <message>
        <source>certified</source>
        <translation>รับรองแล้ว</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>ระงับแล้ว</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>ถูกล็อก</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ไม่มี</translation>
    </message>
    <message>
        <source>not certified</source>
        <translation>ยังไม่รับรอง</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <source>{name} is disabled.</source>
        <translation>ระงับ {name} แล้ว</translation>
    </message>
    <message>
        <source>{name} is enabled.</source>
        <translation>เปิดใช้ {name} แล้ว</translation>
    </message>
    <message>
        <source>{name} is unlocked.</source>
        <translation>ปลดล็อก {name} แล้ว</translation>
    </message>
</context>
</TS>
