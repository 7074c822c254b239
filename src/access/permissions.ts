/** Roles of DOMAIN.md. */
export enum Role {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  LIAISON = 'LIAISON',
  EMPLOYER = 'EMPLOYER',
}

/** Named permissions; every route declares exactly one (or is marked public). */
export enum Permission {
  AuthSelf = 'auth.self',
  UserManage = 'user.manage',
  AuditRead = 'audit.read',
  QueueBoard = 'queue.board',
  EmployerRead = 'employer.read',
  EmployerWrite = 'employer.write',
  AgencyRead = 'partner-agency.read',
  AgencyWrite = 'partner-agency.write',
  IntermediaryManage = 'intermediary.manage',
  WorkerRead = 'worker.read',
  WorkerWrite = 'worker.write',
  WorkerReadSensitive = 'worker.read.sensitive',
  WorkerExport = 'worker.export',
  WorkerErase = 'worker.erase',
  DocumentFileRead = 'document.file.read',
  PatentPaymentManage = 'patent-payment.manage',
  LabourRequestRead = 'labour-request.read',
  LabourRequestWrite = 'labour-request.write',
  LabourRequestDecide = 'labour-request.decide',
  ComplaintRead = 'complaint.read',
  ComplaintWrite = 'complaint.write',
  ReportRead = 'report.read',
  ReportGenerate = 'report.generate',
  ReferenceWrite = 'reference.write',
}

const ALL = Object.values(Permission);

/** The one table mapping roles to permissions (least privilege: everything not listed is denied). */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  [Role.ADMIN]: new Set(ALL),
  [Role.STAFF]: new Set([
    Permission.AuthSelf,
    Permission.EmployerRead,
    Permission.EmployerWrite,
    Permission.AgencyRead,
    Permission.IntermediaryManage,
    Permission.WorkerRead,
    Permission.WorkerWrite,
    Permission.WorkerReadSensitive,
    Permission.WorkerExport,
    Permission.DocumentFileRead,
    Permission.PatentPaymentManage,
    Permission.LabourRequestRead,
    Permission.LabourRequestWrite,
    Permission.LabourRequestDecide,
    Permission.ComplaintRead,
    Permission.ComplaintWrite,
    Permission.ReportRead,
  ]),
  [Role.LIAISON]: new Set([
    Permission.AuthSelf,
    Permission.EmployerRead,
    Permission.AgencyRead,
    Permission.IntermediaryManage,
    Permission.WorkerRead,
    Permission.WorkerWrite,
    Permission.WorkerReadSensitive,
    Permission.DocumentFileRead,
    Permission.ComplaintRead,
    Permission.ComplaintWrite,
  ]),
  [Role.EMPLOYER]: new Set([
    Permission.AuthSelf,
    Permission.EmployerRead,
    Permission.WorkerRead,
    Permission.LabourRequestRead,
    Permission.LabourRequestWrite,
  ]),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}
