def is_holiday(day, calendar):
    return day in calendar['holidays']
