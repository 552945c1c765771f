"""The news stage: timeline, tag pages, adoption overview and feed, built from loaded NewsItems."""
