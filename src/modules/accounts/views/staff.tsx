import { CsrfField, Notice } from "../../../views/components.tsx";
import type { listStaff } from "../service.ts";
import { M } from "../messages.ts";

type Staff = Awaited<ReturnType<typeof listStaff>>;

/** 本机构工作人员, with the admin's reset of a colleague's second factor (never their own). */
export function StaffList({ staff, me, csrfToken, notice }: { staff: Staff; me: string; csrfToken: string; notice?: string }) {
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{M.staffTitle}</h1>
      {notice && <Notice>{notice}</Notice>}
      <table>
        <thead>
          <tr>
            <th scope="col">{M.login}</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">{M.twoFactorColumn}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((a) => (
            <tr>
              <td>{a.login}</td>
              <td>{a.displayName}</td>
              <td>{M.roleLabels[a.role]}</td>
              <td>{a.active ? "启用" : "停用"}</td>
              <td>
                {a.twoFactorEnrolled ? M.twoFactorOn : M.twoFactorOff}
                {a.id !== me && (
                  <form method="post" action={`/office/staff/${a.id}/two-factor/reset`} class="inline">
                    <CsrfField token={csrfToken} />{" "}
                    <button type="submit" class="link" aria-label={`${M.resetTwoFactor}：${a.login}`}>
                      {M.resetTwoFactor}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
