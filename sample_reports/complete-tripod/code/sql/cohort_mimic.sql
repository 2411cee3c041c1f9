-- Index admissions for the readmit30 development cohort (MIMIC-IV v2.2, hosp module).
-- Adults, medical service, stay >= 24 h, discharged alive home / home with services / SNF.
WITH medical AS (
    SELECT DISTINCT ON (s.hadm_id) s.hadm_id, s.curr_service
    FROM mimiciv_hosp.services s
    ORDER BY s.hadm_id, s.transfertime
),
index_adm AS (
    SELECT a.subject_id, a.hadm_id, a.admittime, a.dischtime, a.admission_type, a.insurance,
           a.discharge_location, p.gender AS sex,
           p.anchor_age + EXTRACT(YEAR FROM a.admittime) - p.anchor_year AS age
    FROM mimiciv_hosp.admissions a
    JOIN mimiciv_hosp.patients p USING (subject_id)
    JOIN medical m USING (hadm_id)
    WHERE m.curr_service = 'MED'
      AND a.hospital_expire_flag = 0
      AND a.dischtime - a.admittime >= INTERVAL '24 hours'
      AND a.discharge_location IN ('HOME', 'HOME HEALTH CARE', 'SKILLED NURSING FACILITY')
)
SELECT i.*,
       EXISTS (
           SELECT 1 FROM mimiciv_hosp.admissions r
           WHERE r.subject_id = i.subject_id
             AND r.admission_type IN ('EW EMER.', 'URGENT', 'DIRECT EMER.')
             AND r.admittime > i.dischtime + INTERVAL '1 day' - INTERVAL '1 second'
             AND r.admittime <= i.dischtime + INTERVAL '30 days'
       ) AS readmit_30d
FROM index_adm i
WHERE i.age >= 18;
