-- AlterTable
ALTER TABLE "department_managers" ADD COLUMN     "source" "RoleSource" NOT NULL DEFAULT 'APP';

-- AlterTable
ALTER TABLE "scim_groups" ADD COLUMN     "managesDepartmentId" UUID;

-- AddForeignKey
ALTER TABLE "scim_groups" ADD CONSTRAINT "scim_groups_managesDepartmentId_fkey" FOREIGN KEY ("managesDepartmentId") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
