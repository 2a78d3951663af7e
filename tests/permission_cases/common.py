ROLES = ["anonymous", "owner", "other_teacher", "methodist", "administrator"]


def expect(anonymous, owner, other_teacher, methodist, administrator):
    statuses = [anonymous, owner, other_teacher, methodist, administrator]
    return dict(zip(ROLES, statuses, strict=True))


READ_OWN_PLAN = expect(302, 200, 404, 200, 200)
READ_ANY = expect(302, 200, 200, 200, 200)
