import type { accounts } from "../schema.ts";
import { M } from "../messages.ts";

export function StaffList({ staff }: { staff: (typeof accounts.$inferSelect)[] }) {
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{M.staffTitle}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{M.login}</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((a) => (
            <tr>
              <td>{a.login}</td>
              <td>{a.displayName}</td>
              <td>{M.roleLabels[a.role]}</td>
              <td>{a.active ? "启用" : "停用"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
