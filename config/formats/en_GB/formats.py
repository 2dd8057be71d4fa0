"""The dates and times the forms read, beyond Django's British ones (12/05/2027, 14:00): as
people write them and as Quorate itself shows them ("12 May 2027", "Wednesday 12 May 2027",
"2pm"). The first of each is how a text box shows a value, as before."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 12/05/2027
    "%d/%m/%y",  # 12/05/27
    "%Y-%m-%d",  # 2027-05-12, as a date box sends it
    "%d %B %Y",  # 12 May 2027
    "%d %b %Y",  # 12 Sep 2027
    "%A %d %B %Y",  # Wednesday 12 May 2027, as Quorate writes a date
    "%a %d %b %Y",  # Wed 12 May 2027
    "%d-%m-%Y",  # 12-05-2027
    "%d.%m.%Y",  # 12.05.2027
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%H:%M",  # 14:00
    "%H.%M",  # 14.00
    "%I%p",  # 2pm
    "%I %p",  # 2 pm
    "%I:%M%p",  # 2:30pm
    "%I:%M %p",  # 2:30 pm
    "%I.%M%p",  # 2.30pm
]
